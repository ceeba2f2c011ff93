import Prometheus

/// What `CostMetrics` remembers between refreshes.
struct MetricsState {
    /// Minute rollups per [host, domain, kind]; the open minute grows, so look back 2 minutes.
    var domains = BucketTotals<[String]>(lookbackNanoseconds: 120_000_000_000)
    /// Usage quarters; windows of the last 2 hours may be attributed again.
    var usage = BucketTotals<UsageKey>(lookbackNanoseconds: 7_200_000_000_000)
    /// Attribution books per [host, part], by window.
    var books = BucketTotals<[String]>(lookbackNanoseconds: 7_200_000_000_000)
    /// Ingest counters are cumulative: one bucket.
    var ingest = BucketTotals<[String]>(lookbackNanoseconds: 0)
    var latestMinute: [[String]: Int64] = [:]
    var windowEnd: [String: Int64] = [:]
    var intensitySource: String?
}

/// One usage_quarter row's series: [host, model, tenant] and what is summed.
struct UsageKey: Hashable {
    var row: [String]
    var series: UsageSeries
}

enum UsageSeries: Hashable {
    case requests, promptTokens, completionTokens, dynamic, idle, direct, lifecycle

    var isMicrojoules: Bool { self == .dynamic || self == .idle }

    func counter(in metrics: CostMetrics, model: String) -> Counter {
        switch self {
        case .requests: metrics.counter(MetricNames.modelRequests, [("model", model)])
        case .promptTokens: metrics.counter(MetricNames.modelTokens, [("model", model), ("kind", "prompt")])
        case .completionTokens: metrics.counter(MetricNames.modelTokens, [("model", model), ("kind", "completion")])
        case .dynamic: metrics.counter(MetricNames.modelEnergy, [("model", model), ("part", "dynamic")])
        case .idle: metrics.counter(MetricNames.modelEnergy, [("model", model), ("part", "idle")])
        case .direct: metrics.counter(MetricNames.modelCO2e, [("model", model), ("scope", "direct")])
        case .lifecycle: metrics.counter(MetricNames.modelCO2e, [("model", model), ("scope", "lifecycle")])
        }
    }
}
