import FrugalCore

/// The report's queries, one SQL text for both engines (`ReportDialect`).
/// Each reads one host's key range of a host-first table (`host = ?` on the
/// primary key: a range scan, no sort), so an engine runs it host by host.
/// Parameters: `?1` from, `?2` to (ns, a quarter start), then as listed.
enum ReportQueries {
    /// Usage per host, model, tenant and stored intensity of the quarter
    /// (NULL: none for the zone). `?3` tenant or NULL, `?4` host, `?5` zone.
    /// Grouped by intensity so that the CO2e (Σ energy × intensity) is
    /// computed in Swift from exact integer energies, the same in both engines.
    static let usageByIntensity = ReportQuery(
        """
        SELECT u.host, u.model, u.tenant, g.g_per_kwh, \(usageSums)
        \(usageRows)
        GROUP BY u.host, u.model, u.tenant, g.g_per_kwh
        """
    ) { row in
        UsageByIntensity(
            host: try row.text(0), model: try row.text(1), tenant: try row.text(2),
            intensity: try row.optionalDouble(3),
            requests: try row.int64(4), promptTokens: try row.int64(5), completionTokens: try row.int64(6),
            dynamic: try row.energy(7), idle: try row.energy(8))
    }

    /// Usage per quarter, host, model and tenant where the quarter has no
    /// intensity for the zone. Parameters as `usageByIntensity`.
    static let usageWithoutIntensity = ReportQuery(
        """
        SELECT u.quarter_start_ns, u.host, u.model, u.tenant, \(usageSums)
        \(usageRows) AND g.g_per_kwh IS NULL
        GROUP BY u.quarter_start_ns, u.host, u.model, u.tenant
        """
    ) { row in
        ReportRows.Usage(
            quarterStart: try row.timestamp(0), host: try row.text(1), model: try row.text(2), tenant: try row.text(3),
            requests: try row.int64(4), promptTokens: try row.int64(5), completionTokens: try row.int64(6),
            dynamic: try row.energy(7), idle: try row.energy(8))
    }

    /// The usage columns both usage queries sum.
    private static let usageSums = """
        CAST(SUM(u.requests) AS BIGINT), CAST(SUM(u.prompt_tokens) AS BIGINT),
               CAST(SUM(u.completion_tokens) AS BIGINT), CAST(SUM(u.dynamic_uj) AS BIGINT),
               CAST(SUM(u.idle_uj) AS BIGINT)
        """

    /// One host's usage rows of the period (of one tenant when `?3` is set),
    /// each with its quarter's intensity for the zone `?5`, or NULL.
    private static let usageRows = """
        FROM usage_quarter u
        LEFT JOIN grid_intensity g ON g.zone = ?5 AND g.quarter_start_ns = u.quarter_start_ns
        WHERE u.host = ?4 AND u.quarter_start_ns >= ?1 AND u.quarter_start_ns < ?2
              AND (CAST(?3 AS TEXT) IS NULL OR u.tenant = ?3)
        """

    /// Requests and attributed energy per quarter. `?3` tenant or NULL, `?4` host.
    static let quarterTotals = ReportQuery(
        """
        SELECT quarter_start_ns, CAST(SUM(requests) AS BIGINT), CAST(SUM(dynamic_uj + idle_uj) AS BIGINT)
        FROM usage_quarter
        WHERE host = ?4 AND quarter_start_ns >= ?1 AND quarter_start_ns < ?2
              AND (CAST(?3 AS TEXT) IS NULL OR tenant = ?3)
        GROUP BY quarter_start_ns
        """
    ) { row in
        ReportRows.QuarterTotal(
            quarterStart: try row.timestamp(0), requests: try row.int64(1), energy: try row.energy(2))
    }

    /// The books per quarter over the counted domains. `?3` host.
    static let bookQuarters = ReportQuery(
        """
        SELECT window_start_ns, CAST(SUM(measured_uj) AS BIGINT), CAST(SUM(idle_uj) AS BIGINT),
               CAST(SUM(attributed_uj) AS BIGINT), CAST(SUM(unattributed_uj) AS BIGINT),
               CAST(SUM(idle_allocated_uj) AS BIGINT)
        FROM attribution_books
        WHERE host = ?3 AND window_start_ns >= ?1 AND window_start_ns < ?2 AND counted <> 0
        GROUP BY window_start_ns
        """
    ) { row in
        ReportRows.BookQuarter(
            quarterStart: try row.timestamp(0), measured: try row.energy(1), idle: try row.energy(2),
            attributed: try row.energy(3), unattributed: try row.energy(4), idleAllocated: try row.energy(5))
    }

    /// Each domain's books (counted or not). `?3` host. The mean idle power
    /// is Σ / count in Swift (PostgreSQL's `avg(bigint)` is `numeric`).
    static let bookDomains = ReportQuery(
        """
        SELECT host, domain, MAX(kind COLLATE BINARY), MAX(counted), CAST(SUM(measured_uj) AS BIGINT),
               CAST(SUM(idle_uj) AS BIGINT), CAST(SUM(attributed_uj) AS BIGINT), CAST(SUM(unattributed_uj) AS BIGINT),
               COUNT(*), CAST(SUM(CASE WHEN attributed_uj > 0 THEN 1 ELSE 0 END) AS BIGINT),
               CAST(SUM(idle_power_uw) AS BIGINT), MAX(idle_source COLLATE BINARY)
        FROM attribution_books
        WHERE host = ?3 AND window_start_ns >= ?1 AND window_start_ns < ?2
        GROUP BY host, domain
        """
    ) { row in
        let windows = try row.int64(8)
        return ReportRows.BookDomain(
            host: try row.text(0), domain: try row.text(1), kind: try row.text(2), counted: try row.int64(3) != 0,
            measured: try row.energy(4), idle: try row.energy(5), attributed: try row.energy(6),
            unattributed: try row.energy(7), windows: windows, activeWindows: try row.int64(9),
            meanIdlePower: Power(
                microwatts: windows > 0 ? Int64((Double(try row.int64(10)) / Double(windows)).rounded()) : 0),
            idleSource: try row.text(11))
    }

    /// The attribution windows of the period and the time they cover. `?3` host.
    static let coverage = ReportQuery(
        """
        SELECT host, COUNT(*), CAST(SUM(covered_ns) AS BIGINT), MIN(window_start_ns), MAX(window_start_ns)
        FROM attribution_windows
        WHERE host = ?3 AND window_start_ns >= ?1 AND window_start_ns < ?2
        GROUP BY host
        """
    ) { row in
        ReportRows.HostCoverage(
            host: try row.text(0), windows: try row.int64(1), covered: .nanoseconds(try row.int64(2)),
            firstWindowStart: try row.timestamp(3), lastWindowStart: try row.timestamp(4))
    }

    /// The zone's stored intensities (no host). `?3` zone.
    static let intensities = ReportQuery(
        """
        SELECT quarter_start_ns, g_per_kwh, source FROM grid_intensity
        WHERE zone = ?3 AND quarter_start_ns >= ?1 AND quarter_start_ns < ?2
        ORDER BY quarter_start_ns
        """
    ) { row in
        ReportRows.Intensity(
            quarterStart: try row.timestamp(0), gramsPerKilowattHour: try row.double(1), source: try row.text(2))
    }
}

/// A row of `ReportQueries.usageByIntensity`.
struct UsageByIntensity: Sendable {
    var host: String
    var model: String
    var tenant: String
    var intensity: Double?
    var requests: Int64
    var promptTokens: Int64
    var completionTokens: Int64
    var dynamic: Energy
    var idle: Energy
}
