import FrugalCore

/// The monthly report's reads: sums over the attribution tables (v3) and the
/// grid intensity (v4), grouped in SQL. Periods are `[from, to)` on quarter
/// starts. Every attribution table is keyed host first, so each query runs
/// once per host over its key range (a range scan, rows in key order, no
/// sort) instead of scanning the whole table; rows come back per host.
extension SQLiteStore {
    /// Attributed usage per model and tenant, with the CO2e of the quarters
    /// that have an intensity for `zone` computed in SQL (energy of each
    /// quarter × that quarter's intensity): a few rows per host.
    public func reportUsageLines(zone: String, from: Timestamp, to: Timestamp, tenant: String? = nil) throws
        -> [ReportRows.UsageLine]
    {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT u.model, u.tenant, SUM(u.requests), SUM(u.prompt_tokens), SUM(u.completion_tokens),
                       SUM(u.dynamic_uj), SUM(u.idle_uj), SUM((u.dynamic_uj + u.idle_uj) * g.g_per_kwh) / 3.6e12,
                       SUM(CASE WHEN g.g_per_kwh IS NULL THEN u.dynamic_uj + u.idle_uj ELSE 0 END)
                FROM usage_quarter u
                LEFT JOIN grid_intensity g ON g.zone = ?5 AND g.quarter_start_ns = u.quarter_start_ns
                WHERE u.host = ?4 AND u.quarter_start_ns >= ?1 AND u.quarter_start_ns < ?2
                      AND (?3 IS NULL OR u.tenant = ?3)
                GROUP BY u.model, u.tenant
                """)
            defer { select.reset() }
            var rows: [ReportRows.UsageLine] = []
            for host in try reportHosts(engine) {
                select.reset()
                try bindPeriod(select, from, to, tenant)
                try select.bind(host, at: 4)
                try select.bind(zone, at: 5)
                while try select.step() {
                    rows.append(
                        ReportRows.UsageLine(
                            model: select.text(at: 0), tenant: select.text(at: 1), requests: select.int64(at: 2),
                            promptTokens: select.int64(at: 3), completionTokens: select.int64(at: 4),
                            dynamic: Energy(microjoules: select.int64(at: 5)),
                            idle: Energy(microjoules: select.int64(at: 6)), gramsWithIntensity: select.double(at: 7),
                            energyWithoutIntensity: Energy(microjoules: select.int64(at: 8))))
                }
            }
            return rows
        }
    }

    /// Attributed usage per quarter, model and tenant, for the quarters that
    /// have no intensity for `zone` (what `reportUsageLines` left unconverted).
    public func reportUsageWithoutIntensity(zone: String, from: Timestamp, to: Timestamp, tenant: String? = nil)
        throws -> [ReportRows.Usage]
    {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT u.quarter_start_ns, u.model, u.tenant, SUM(u.requests), SUM(u.prompt_tokens),
                       SUM(u.completion_tokens), SUM(u.dynamic_uj), SUM(u.idle_uj)
                FROM usage_quarter u
                LEFT JOIN grid_intensity g ON g.zone = ?5 AND g.quarter_start_ns = u.quarter_start_ns
                WHERE u.host = ?4 AND u.quarter_start_ns >= ?1 AND u.quarter_start_ns < ?2
                      AND (?3 IS NULL OR u.tenant = ?3) AND g.g_per_kwh IS NULL
                GROUP BY u.quarter_start_ns, u.model, u.tenant
                """)
            defer { select.reset() }
            var rows: [ReportRows.Usage] = []
            for host in try reportHosts(engine) {
                select.reset()
                try bindPeriod(select, from, to, tenant)
                try select.bind(host, at: 4)
                try select.bind(zone, at: 5)
                while try select.step() {
                    rows.append(
                        ReportRows.Usage(
                            quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                            model: select.text(at: 1), tenant: select.text(at: 2), requests: select.int64(at: 3),
                            promptTokens: select.int64(at: 4), completionTokens: select.int64(at: 5),
                            dynamic: Energy(microjoules: select.int64(at: 6)),
                            idle: Energy(microjoules: select.int64(at: 7))))
                }
            }
            return rows
        }
    }

    /// Attributed usage per quarter, every model and tenant summed (the trend's input).
    public func reportQuarterTotals(from: Timestamp, to: Timestamp, tenant: String? = nil) throws
        -> [ReportRows.QuarterTotal]
    {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT quarter_start_ns, SUM(requests), SUM(dynamic_uj + idle_uj)
                FROM usage_quarter
                WHERE host = ?4 AND quarter_start_ns >= ?1 AND quarter_start_ns < ?2 AND (?3 IS NULL OR tenant = ?3)
                GROUP BY quarter_start_ns
                """)
            defer { select.reset() }
            var rows: [ReportRows.QuarterTotal] = []
            for host in try reportHosts(engine) {
                select.reset()
                try bindPeriod(select, from, to, tenant)
                try select.bind(host, at: 4)
                while try select.step() {
                    rows.append(
                        ReportRows.QuarterTotal(
                            quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                            requests: select.int64(at: 1), energy: Energy(microjoules: select.int64(at: 2))))
                }
            }
            return rows
        }
    }

    /// The books per quarter over the counted domains of every host.
    public func reportBookQuarters(from: Timestamp, to: Timestamp) throws -> [ReportRows.BookQuarter] {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT window_start_ns, SUM(measured_uj), SUM(idle_uj), SUM(attributed_uj), SUM(unattributed_uj),
                       SUM(idle_allocated_uj)
                FROM attribution_books
                WHERE host = ?3 AND window_start_ns >= ?1 AND window_start_ns < ?2 AND counted != 0
                GROUP BY window_start_ns
                """)
            defer { select.reset() }
            var rows: [ReportRows.BookQuarter] = []
            for host in try reportHosts(engine) {
                select.reset()
                try bindPeriod(select, from, to, host)
                while try select.step() {
                    func energy(_ i: Int32) -> Energy { Energy(microjoules: select.int64(at: i)) }
                    rows.append(
                        ReportRows.BookQuarter(
                            quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)), measured: energy(1),
                            idle: energy(2), attributed: energy(3), unattributed: energy(4), idleAllocated: energy(5)))
                }
            }
            return rows
        }
    }

    /// Each power domain's books over the period (counted or not).
    public func reportBookDomains(from: Timestamp, to: Timestamp) throws -> [ReportRows.BookDomain] {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT host, domain, MAX(kind), MAX(counted), SUM(measured_uj), SUM(idle_uj), SUM(attributed_uj),
                       SUM(unattributed_uj), COUNT(*), SUM(attributed_uj > 0), AVG(idle_power_uw), MAX(idle_source)
                FROM attribution_books
                WHERE host = ?3 AND window_start_ns >= ?1 AND window_start_ns < ?2
                GROUP BY host, domain ORDER BY host, domain
                """)
            defer { select.reset() }
            var rows: [ReportRows.BookDomain] = []
            for host in try reportHosts(engine) {
                select.reset()
                try bindPeriod(select, from, to, host)
                while try select.step() {
                    func energy(_ i: Int32) -> Energy { Energy(microjoules: select.int64(at: i)) }
                    rows.append(
                        ReportRows.BookDomain(
                            host: select.text(at: 0), domain: select.text(at: 1), kind: select.text(at: 2),
                            counted: select.int64(at: 3) != 0, measured: energy(4), idle: energy(5),
                            attributed: energy(6), unattributed: energy(7), windows: select.int64(at: 8),
                            activeWindows: select.int64(at: 9),
                            meanIdlePower: Power(microwatts: Int64(select.double(at: 10).rounded())),
                            idleSource: select.text(at: 11)))
                }
            }
            return rows
        }
    }

    /// Per host: the attribution windows in the period and the time their samples cover.
    public func reportCoverage(from: Timestamp, to: Timestamp) throws -> [ReportRows.HostCoverage] {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT host, COUNT(*), SUM(covered_ns), MIN(window_start_ns), MAX(window_start_ns)
                FROM attribution_windows
                WHERE host = ?3 AND window_start_ns >= ?1 AND window_start_ns < ?2
                GROUP BY host
                """)
            defer { select.reset() }
            var rows: [ReportRows.HostCoverage] = []
            for host in try reportHosts(engine) {
                select.reset()
                try bindPeriod(select, from, to, host)
                while try select.step() {
                    rows.append(
                        ReportRows.HostCoverage(
                            host: select.text(at: 0), windows: select.int64(at: 1),
                            covered: .nanoseconds(select.int64(at: 2)),
                            firstWindowStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 3)),
                            lastWindowStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 4))))
                }
            }
            return rows
        }
    }

    /// The grid intensity of each quarter of the period that has one, for `zone`.
    public func reportIntensities(zone: String, from: Timestamp, to: Timestamp) throws -> [ReportRows.Intensity] {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT quarter_start_ns, g_per_kwh, source FROM grid_intensity
                WHERE zone = ?3 AND quarter_start_ns >= ?1 AND quarter_start_ns < ?2
                ORDER BY quarter_start_ns
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, zone)
            var rows: [ReportRows.Intensity] = []
            while try select.step() {
                rows.append(
                    ReportRows.Intensity(
                        quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                        gramsPerKilowattHour: select.double(at: 1), source: select.text(at: 2)))
            }
            return rows
        }
    }

    /// Sample gaps that overlap the period, with their length clipped to it.
    public func reportGaps(from: Timestamp, to: Timestamp) throws -> ReportRows.Gaps {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT COUNT(*), COALESCE(SUM(MIN(end_ns, ?2) - MAX(start_ns, ?1)), 0) FROM gaps
                WHERE start_ns < ?2 AND end_ns > ?1
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, nil)
            _ = try select.step()
            return ReportRows.Gaps(count: select.int64(at: 0), total: .nanoseconds(select.int64(at: 1)))
        }
    }
}

extension SQLiteStore {
    /// The hosts of the attribution and request tables, sorted: one index
    /// seek per host and table (`MIN(host) … WHERE host > ?`), not a scan.
    func reportHosts(_ engine: StoreEngine) throws -> [String] {
        var hosts = Set<String>()
        for table in ["attribution_windows", "usage_quarter", "requests"] {
            let next = try engine.db.cached("SELECT MIN(host) FROM \(table) WHERE host > ?1")
            defer { next.reset() }
            var last = ""
            while true {
                next.reset()
                try next.bind(last, at: 1)
                guard try next.step(), let host = next.optionalText(at: 0) else { break }
                hosts.insert(host)
                last = host
            }
        }
        return hosts.sorted()
    }
}

/// Binds `?1` = from, `?2` = to and, when the statement has it, `?3` = the
/// optional text (NULL when nil).
func bindPeriod(_ statement: Statement, _ from: Timestamp, _ to: Timestamp, _ text: String?) throws {
    try statement.bind(from.nanosecondsSinceEpoch, at: 1)
    try statement.bind(to.nanosecondsSinceEpoch, at: 2)
    if statement.sql.contains("?3") { try statement.bind(text, at: 3) }
}
