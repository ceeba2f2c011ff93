import FrugalCore

/// `/metrics`' reads: rollups from a watermark (`since`, ns) on; each row's
/// columns are its label texts, its bucket, then integers and reals.
extension CostSQL {
    /// How a metrics query's columns read: `labels` texts, the bucket, `integers`, `reals`.
    public struct MetricShape: Sendable {
        public var labels: Int32
        public var integers: Int32
        public var reals: Int32
    }

    /// Minute rollups from ?1: labels [host, domain, kind], integers [energy µJ, covered ns].
    /// The schemas differ here (SQLite keys hosts and domains; PostgreSQL names them).
    public static func domainMinutes(_ d: SQLDialect) -> String {
        switch d {
        case .sqlite:
            """
            SELECT h.name, d.domain_id, d.kind, r.minute_start_ns, r.energy_uj, r.covered_ns
            FROM rollup_minute r JOIN domains d ON d.domain_key = r.domain_key JOIN hosts h ON h.host_key = d.host_key
            WHERE r.minute_start_ns >= ?1
            """
        case .postgres:
            """
            SELECT r.host, r.domain, d.kind, r.minute_start_ns, r.energy_uj, r.covered_ns
            FROM rollup_minute r JOIN domains d ON d.host = r.host AND d.domain_id = r.domain
            WHERE r.minute_start_ns >= $1
            """
        }
    }

    public static let domainMinutesShape = MetricShape(labels: 3, integers: 2, reals: 0)

    /// Usage quarters from ?1: labels [host, model, tenant], integers [requests,
    /// prompt tokens, completion tokens, dynamic µJ, idle µJ], reals [direct
    /// gCO2e of the full energy at the feed's intensity of zone ?2 (live,
    /// consolidated), else NULL: the reader resolves the fallbacks].
    public static func usageQuarters(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT u.host, u.model, u.tenant, u.quarter_start_ns, u.requests, u.prompt_tokens, u.completion_tokens,
                   u.dynamic_uj, u.idle_uj,
                   CASE WHEN g.source IN ('live', 'consolidated')
                        THEN (u.dynamic_uj + u.idle_uj) * g.g_per_kwh / 3.6e12 END
            FROM usage_quarter u
            LEFT JOIN grid_intensity g ON g.zone = ?2 AND g.quarter_start_ns = u.quarter_start_ns
            WHERE u.quarter_start_ns >= ?1
            """)
    }

    public static let usageQuartersShape = MetricShape(labels: 3, integers: 5, reals: 1)

    /// Books of counted domains from ?1, per host and window: labels [host],
    /// integers [measured, idle, attributed, unattributed µJ, window end ns].
    public static func bookWindows(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT b.host, b.window_start_ns, \(d.integerSum("b.measured_uj")), \(d.integerSum("b.idle_uj")),
                   \(d.integerSum("b.attributed_uj")), \(d.integerSum("b.unattributed_uj")), w.window_end_ns
            FROM attribution_books b
            JOIN attribution_windows w ON w.host = b.host AND w.window_start_ns = b.window_start_ns
            WHERE b.window_start_ns >= ?1 AND b.counted != 0
            GROUP BY b.host, b.window_start_ns, w.window_end_ns
            """)
    }

    public static let bookWindowsShape = MetricShape(labels: 1, integers: 5, reals: 0)

    /// Ingest counters summed over sources (and hosts): labels [format, counter], integers [value].
    public static func ingestCounters(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT format, counter, CAST(0 AS BIGINT), \(d.integerSum("value")) FROM ingest_counters
            WHERE CAST(?1 AS BIGINT) = ?1 GROUP BY format, counter
            """)
    }

    public static let ingestCountersShape = MetricShape(labels: 2, integers: 1, reals: 0)

    /// One metrics row of `shape`; a NULL real reads as NaN.
    public static func metricRow(_ row: some SQLRow, _ shape: MetricShape) -> CostMetricRow {
        let labels = shape.labels
        var result = CostMetricRow(
            labels: (0..<labels).map { row.text(at: $0) }, bucketStartNanoseconds: row.int64(at: labels),
            integers: [], reals: [])
        for index in 0..<shape.integers { result.integers.append(row.int64(at: labels + 1 + index)) }
        for index in 0..<shape.reals {
            result.reals.append(row.optionalDouble(at: labels + 1 + shape.integers + index) ?? .nan)
        }
        return result
    }
}
