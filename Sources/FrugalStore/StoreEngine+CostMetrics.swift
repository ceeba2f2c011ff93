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
    func domainMinutes(since: Int64) throws -> [CostMetricRow] {
        try metricRows(CostSQL.domainMinutes(.sqlite), [.integer(since)], CostSQL.domainMinutesShape)
    }

    func usageQuarters(since: Int64, zone: String) throws -> [CostMetricRow] {
        try metricRows(CostSQL.usageQuarters(.sqlite), [.integer(since), .text(zone)], CostSQL.usageQuartersShape)
    }

    func bookWindows(since: Int64) throws -> [CostMetricRow] {
        try metricRows(CostSQL.bookWindows(.sqlite), [.integer(since)], CostSQL.bookWindowsShape)
    }

    func ingestCounterRows() throws -> [CostMetricRow] {
        try metricRows(CostSQL.ingestCounters(.sqlite), [.integer(0)], CostSQL.ingestCountersShape)
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

    private func metricRows(_ sql: String, _ parameters: [SQLValue], _ shape: CostSQL.MetricShape) throws
        -> [CostMetricRow]
    {
        var rows: [CostMetricRow] = []
        try each(sql, parameters) { rows.append(CostSQL.metricRow($0, shape)) }
        return rows
    }
}
