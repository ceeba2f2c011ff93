import FrugalCore

/// The reads of the developers' cost API and of `/metrics` (FrugalServer).
/// Everything is answered from the `usage_quarter` rollup except single
/// requests and request pages; CO2e is priced at read time with the
/// intensity of each quarter (`grid_intensity`), never stored.
extension SQLiteStore {
    /// Usage summed by model, tenant or host over the query's quarters;
    /// `histograms` also collects each key's `cost_histogram` blobs.
    public func usage(_ query: CostQuery, by grouping: UsageGrouping, histograms: Bool = false) throws
        -> [UsageSummary]
    {
        try locked { try $0.usage(query, by: grouping, histograms: histograms) }
    }

    /// Models with usage or fitted coefficients.
    public func knownModels() throws -> Set<String> {
        try locked { try $0.knownModels() }
    }

    /// Fitted per-token coefficients, of one model or all.
    public func modelCoefficients(model: String? = nil) throws -> [StoredModelCoefficients] {
        try locked { try $0.coefficients(model: model) }
    }

    /// A page of requests starting in the query's window, ordered by (start, key).
    public func requestPage(_ query: RequestPageQuery) throws -> RequestPage {
        try locked { try $0.requestPage(query) }
    }

    /// The requests with gateway id `id` (on `host` when given), newest first,
    /// each with its per-window energy and per-domain breakdown.
    public func requestCosts(id: String, host: String? = nil, zone: String) throws -> [RequestCost] {
        try locked { try $0.requestCosts(id: id, host: host, zone: zone) }
    }

    /// Hosts with their attribution books over quarters starting in `[from, to)`.
    public func hostCosts(from: Timestamp, to: Timestamp) throws -> [HostCost] {
        try locked { try $0.hostCosts(from: from, to: to) }
    }

    /// Grid intensity of `zone` for quarters starting in `[from, to)`, oldest first.
    public func intensities(zone: String, from: Timestamp, to: Timestamp, limit: Int) throws -> [StoredIntensity] {
        try locked { try $0.intensities(zone: zone, from: from, to: to, limit: limit) }
    }

    /// The newest intensity of `zone` at or before `at`.
    public func latestIntensity(zone: String, at: Timestamp) throws -> StoredIntensity? {
        try locked { try $0.latestIntensity(zone: zone, at: at) }
    }

    /// Changes whenever another connection commits (`PRAGMA data_version`):
    /// readers cache what they computed until it moves.
    public func dataVersion() throws -> Int64 {
        try locked { try $0.dataVersion() }
    }

    /// The schema version of the file (`PRAGMA user_version`), for readiness checks.
    public func schemaVersion() throws -> Int {
        try locked { try Migrator.version(of: $0.db) }
    }

    // MARK: /metrics

    /// Minute rollups from `since` (ns): labels [host, domain, kind], integers [energy µJ, covered ns].
    public func domainMinutes(since: Int64) throws -> [CostMetricRow] {
        try locked { try $0.domainMinutes(since: since) }
    }

    /// Usage quarters from `since` (ns): labels [host, model, tenant], integers [requests,
    /// prompt tokens, completion tokens, dynamic µJ, idle µJ], reals [direct gCO2e or NaN].
    public func usageQuarters(since: Int64, zone: String) throws -> [CostMetricRow] {
        try locked { try $0.usageQuarters(since: since, zone: zone) }
    }

    /// Books of counted domains per host and window from `since` (ns): labels [host],
    /// integers [measured, idle, attributed, unattributed µJ, window end ns].
    public func bookWindows(since: Int64) throws -> [CostMetricRow] {
        try locked { try $0.bookWindows(since: since) }
    }

    /// Ingest counters summed over sources: labels [format, counter], integers [value].
    public func ingestCounterRows() throws -> [CostMetricRow] {
        try locked { try $0.ingestCounterRows() }
    }
}
