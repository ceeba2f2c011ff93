import FrugalCore

/// One row of a rollup read for `/metrics`: what it is about (labels), the
/// minute or quarter it covers (rows of one bucket may be rewritten until the
/// bucket is closed), and its sums.
public struct CostMetricRow: Hashable, Sendable {
    public var labels: [String]
    public var bucketStartNanoseconds: Int64
    /// Integer sums (µJ, counts), in the order the query documents.
    public var integers: [Int64]
    /// Real sums (grams), in the order the query documents.
    public var reals: [Double]
}

extension StoreEngine {
    /// Minute rollups from `since`: labels [host, domain, kind], integers
    /// [energy µJ, covered ns].
    func domainMinutes(since: Int64) throws -> [CostMetricRow] {
        try rows(
            """
            SELECT h.name, d.domain_id, d.kind, r.minute_start_ns, r.energy_uj, r.covered_ns
            FROM rollup_minute r JOIN domains d ON d.domain_key = r.domain_key JOIN hosts h ON h.host_key = d.host_key
            WHERE r.minute_start_ns >= ?1
            """, since: since, labels: 3, integers: 2, reals: 0)
    }

    /// Usage quarters from `since`: labels [host, model, tenant], integers
    /// [requests, prompt tokens, completion tokens, dynamic µJ, idle µJ],
    /// reals [direct gCO2e of the full energy at the feed's intensity (live, consolidated), else NaN: the
    /// reader resolves the fallbacks].
    func usageQuarters(since: Int64, zone: String) throws -> [CostMetricRow] {
        try rows(
            """
            SELECT u.host, u.model, u.tenant, u.quarter_start_ns, u.requests, u.prompt_tokens, u.completion_tokens,
                   u.dynamic_uj, u.idle_uj,
                   CASE WHEN g.source IN ('live', 'consolidated') THEN (u.dynamic_uj + u.idle_uj) * g.g_per_kwh / 3.6e12 END
            FROM usage_quarter u
            LEFT JOIN grid_intensity g ON g.zone = ?2 AND g.quarter_start_ns = u.quarter_start_ns
            WHERE u.quarter_start_ns >= ?1
            """, since: since, text: zone, labels: 3, integers: 5, reals: 1)
    }

    /// Attribution books of counted domains from `since`, per host and window:
    /// labels [host], integers [measured, idle, attributed, unattributed µJ, window end ns].
    func bookWindows(since: Int64) throws -> [CostMetricRow] {
        try rows(
            """
            SELECT b.host, b.window_start_ns, sum(b.measured_uj), sum(b.idle_uj), sum(b.attributed_uj),
                   sum(b.unattributed_uj), w.window_end_ns
            FROM attribution_books b
            JOIN attribution_windows w ON w.host = b.host AND w.window_start_ns = b.window_start_ns
            WHERE b.window_start_ns >= ?1 AND b.counted != 0
            GROUP BY b.host, b.window_start_ns
            """, since: since, labels: 1, integers: 5, reals: 0)
    }

    /// Ingest counters summed over sources: labels [format, counter], integers [value].
    func ingestCounterRows() throws -> [CostMetricRow] {
        try rows(
            "SELECT format, counter, 0, sum(value) FROM ingest_counters WHERE ?1 = ?1 GROUP BY format, counter",
            since: 0, labels: 2, integers: 1, reals: 0)
    }

    /// The newest intensity of `zone` at or before `at`.
    func latestIntensity(zone: String, at: Timestamp) throws -> StoredIntensity? {
        let select = try db.cached(
            """
            SELECT quarter_start_ns, g_per_kwh, source FROM grid_intensity
            WHERE zone = ?1 AND quarter_start_ns <= ?2 ORDER BY quarter_start_ns DESC LIMIT 1
            """)
        defer { select.reset() }
        try select.bind(zone, at: 1)
        try select.bind(at.nanosecondsSinceEpoch, at: 2)
        guard try select.step() else { return nil }
        return StoredIntensity(
            quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)), gramsPerKWh: select.double(at: 1),
            source: select.text(at: 2))
    }

    /// Runs a rollup query whose columns are `labels` texts, the bucket, then
    /// `integers` and `reals`; ?1 is `since` and ?2 `text` when given.
    private func rows(
        _ sql: String, since: Int64, text: String? = nil, labels: Int32, integers: Int32, reals: Int32
    ) throws -> [CostMetricRow] {
        let select = try db.cached(sql)
        defer { select.reset() }
        try select.bind(since, at: 1)
        if let text { try select.bind(text, at: 2) }
        var rows: [CostMetricRow] = []
        while try select.step() {
            var row = CostMetricRow(
                labels: (0..<labels).map { select.text(at: $0) }, bucketStartNanoseconds: select.int64(at: labels),
                integers: [], reals: [])
            for index in 0..<integers { row.integers.append(select.int64(at: labels + 1 + index)) }
            for index in 0..<reals {
                let column = labels + 1 + integers + index
                row.reals.append(select.isNull(at: column) ? .nan : select.double(at: column))
            }
            rows.append(row)
        }
        return rows
    }
}
