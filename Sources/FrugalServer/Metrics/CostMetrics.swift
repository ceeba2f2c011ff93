import FrugalCarbon
import FrugalCore
import FrugalStore
import Prometheus
import Synchronization

/// `/metrics`: a Prometheus registry whose values are brought up to date
/// from the store by `refresh(now:)` (every `metrics_refresh`, never under
/// 1 s), reading only rows that changed since the last refresh. A scrape
/// only formats the registry: it never touches the store. The store is a
/// host's SQLite file or the fleet's PostgreSQL database (every host's series).
public final class CostMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let store: any CostReading
    let pricing: CarbonPricing
    var zone: String { pricing.resolver.zone }
    let tenantSeries: Bool
    private let state: Mutex<MetricsState>

    public init(store: any CostReading, pricing: CarbonPricing, tenantSeries: Bool, version: String) {
        self.store = store
        self.pricing = pricing
        self.tenantSeries = tenantSeries
        self.state = Mutex(MetricsState())
        registry.makeGauge(descriptor: Self.descriptor(MetricNames.buildInfo), labels: [("version", version)]).set(
            to: 1)
        _ = registry.makeCounter(descriptor: Self.descriptor(MetricNames.refreshErrors), labels: [])
    }

    /// The text exposition of every metric.
    public func scrape() -> [UInt8] { registry.emitToBuffer() }

    /// Reads what changed in the store since the last call and updates the
    /// metrics. One refresh at a time (`MetricsRefresher`): the watermarks
    /// read first are still current when the rows are applied.
    public func refresh(now: Timestamp) async throws {
        do {
            let marks = state.withLock { ($0.domains.watermark, $0.usage.watermark, $0.books.watermark) }
            let domains = try await store.domainMinutes(since: marks.0)
            let usage = try await store.usageQuarters(since: marks.1, zone: zone)
            // Quarters without a stored feed intensity are priced by the fallbacks, over one timeline read.
            let unpriced = usage.filter { $0.reals[0].isNaN }.map(\.bucketStartNanoseconds)
            var timeline: IntensityTimeline?
            if let first = unpriced.min(), let last = unpriced.max() {
                timeline = try await pricing.timeline(
                    from: Timestamp(nanosecondsSinceEpoch: first),
                    to: Timestamp(nanosecondsSinceEpoch: last + 900_000_000_000))
            }
            let books = try await store.bookWindows(since: marks.2)
            let ingest = try await store.ingestCounterRows()
            let current = try await pricing.resolvedIntensity(at: now)
            state.withLock { state in
                applyDomains(&state, domains)
                applyUsage(&state, usage, timeline)
                applyBooks(&state, books, now: now)
                applyIngest(&state, ingest)
                applyIntensity(&state, current)
            }
        } catch {
            counter(MetricNames.refreshErrors, []).increment()
            throw error
        }
    }

    func counter(_ metric: (String, String), _ labels: [(String, String)]) -> Counter {
        registry.makeCounter(descriptor: Self.descriptor(metric), labels: labels)
    }

    func gauge(_ metric: (String, String), _ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(metric), labels: labels)
    }

    /// The full name goes in `metricName`: our names already end with their unit.
    static func descriptor(_ metric: (String, String)) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: metric.0, unitName: "", helpText: metric.1)
    }

    private func applyDomains(_ state: inout MetricsState, _ rows: [CostMetricRow]) {
        for row in rows {
            let labels = [("host", row.labels[0]), ("domain", row.labels[1]), ("kind", row.labels[2])]
            let rise = state.domains.increase(
                row.labels, bucket: row.bucketStartNanoseconds, to: Double(row.integers[0]))
            if rise > 0 { counter(MetricNames.domainEnergy, labels).increment(by: rise / 1e6) }
            let latest = state.latestMinute[row.labels]
            if row.integers[1] > 0, latest.map({ row.bucketStartNanoseconds >= $0 }) ?? true {
                state.latestMinute[row.labels] = row.bucketStartNanoseconds
                // µJ / ns = 1e3 W
                gauge(MetricNames.domainPower, labels).set(to: Double(row.integers[0]) / Double(row.integers[1]) * 1e3)
            }
        }
        state.domains.advance(newestBucket: rows.map(\.bucketStartNanoseconds).max())
        updateProbeSuccess(&state)
    }

    /// A probe (the domain id's prefix: rapl, hwmon, nvml) succeeds when all its
    /// domains have a minute within 2 minutes of the newest one stored.
    private func updateProbeSuccess(_ state: inout MetricsState) {
        guard let newest = state.latestMinute.values.max() else { return }
        var probes: [[String]: Bool] = [:]
        for (labels, minute) in state.latestMinute {
            let probe = String(labels[1].prefix { $0 != ":" })
            let fresh = newest - minute <= 120_000_000_000
            probes[[labels[0], probe]] = (probes[[labels[0], probe]] ?? true) && fresh
        }
        for (key, ok) in probes {
            gauge(MetricNames.probeSuccess, [("host", key[0]), ("probe", key[1])]).set(to: ok ? 1 : 0)
        }
    }

    private func applyUsage(_ state: inout MetricsState, _ rows: [CostMetricRow], _ timeline: IntensityTimeline?) {
        for row in rows {
            let (model, tenant, bucket) = (row.labels[1], row.labels[2], row.bucketStartNanoseconds)
            let full = Energy(microjoules: row.integers[3] + row.integers[4])
            let fallback = timeline?.intensity(at: Timestamp(nanosecondsSinceEpoch: bucket))?.gramsPerKilowattHour
            let direct = row.reals[0].isNaN ? full.kilowattHours * (fallback ?? 0) : row.reals[0]
            let values: [(UsageSeries, Double)] = [
                (.requests, Double(row.integers[0])), (.promptTokens, Double(row.integers[1])),
                (.completionTokens, Double(row.integers[2])), (.dynamic, Double(row.integers[3])),
                (.idle, Double(row.integers[4])), (.direct, direct),
                (.lifecycle, pricing.lifecycleGrams(directGrams: direct, energy: full)),
            ]
            for (series, value) in values {
                let rise = state.usage.increase(UsageKey(row: row.labels, series: series), bucket: bucket, to: value)
                guard rise > 0 else { continue }
                series.counter(in: self, model: model).increment(by: series.isMicrojoules ? rise / 1e6 : rise)
                guard tenantSeries else { continue }
                let labels = [("tenant", tenant), ("model", model)]
                if series == .requests { counter(MetricNames.tenantRequests, labels).increment(by: rise) }
                if series == .dynamic || series == .idle {
                    counter(MetricNames.tenantEnergy, labels).increment(by: rise / 1e6)
                }
            }
        }
        state.usage.advance(newestBucket: rows.map(\.bucketStartNanoseconds).max())
    }

    private func applyBooks(_ state: inout MetricsState, _ rows: [CostMetricRow], now: Timestamp) {
        for row in rows.sorted(by: { $0.bucketStartNanoseconds < $1.bucketStartNanoseconds }) {
            let host = row.labels[0]
            for (index, part) in ["idle", "attributed", "unattributed"].enumerated() {
                let rise = state.books.increase(
                    [host, part], bucket: row.bucketStartNanoseconds, to: Double(row.integers[index + 1]))
                if rise > 0 {
                    counter(MetricNames.attributionEnergy, [("host", host), ("part", part)]).increment(by: rise / 1e6)
                }
            }
            let error = row.integers[0] - row.integers[1] - row.integers[2] - row.integers[3]
            gauge(MetricNames.conservationError, [("host", host)]).set(to: Double(error) / 1e6)
            state.windowEnd[host] = max(state.windowEnd[host] ?? .min, row.integers[4])
        }
        for (host, end) in state.windowEnd {
            let lag = Double(now.nanosecondsSinceEpoch - end) / 1e9
            gauge(MetricNames.attributionLag, [("host", host)]).set(to: max(lag, 0))
        }
        state.books.advance(newestBucket: rows.map(\.bucketStartNanoseconds).max())
    }

    private func applyIngest(_ state: inout MetricsState, _ rows: [CostMetricRow]) {
        var totals: [[String]: Double] = [:]
        for row in rows {
            guard let status = Self.ingestStatus(row.labels[1]) else { continue }
            totals[[row.labels[0], status], default: 0] += Double(row.integers[0])
        }
        for (key, value) in totals {
            let rise = state.ingest.increase(key, bucket: 0, to: value)
            if rise > 0 {
                counter(MetricNames.ingestLines, [("format", key[0]), ("status", key[1])]).increment(by: rise)
            }
        }
    }

    /// Folds the store's counters (`records`, `duplicates`, `rejected.<reason>`,
    /// `skipped.<reason>`) into four outcomes; `lines` is their total.
    static func ingestStatus(_ counter: String) -> String? {
        switch counter {
        case "records": "accepted"
        case "duplicates": "duplicate"
        default:
            counter.hasPrefix("rejected") ? "rejected" : counter.hasPrefix("skipped") ? "skipped" : nil
        }
    }

    private func applyIntensity(_ state: inout MetricsState, _ current: ResolvedIntensity) {
        let (source, value) = (current.source.rawValue, current.gramsPerKilowattHour)
        if let previous = state.intensitySource, previous != source {
            registry.unregisterGauge(gauge(MetricNames.gridIntensity, [("source", previous)]))
        }
        state.intensitySource = source
        gauge(MetricNames.gridIntensity, [("source", source)]).set(to: value)
    }
}
