import FrugalCore

/// The monthly report's reads: sums over the attribution tables (v3) and the
/// grid intensity (v4), grouped in SQL so a month of a busy fleet comes back
/// as a few thousand rows. Periods are `[from, to)` on quarter starts.
extension SQLiteStore {
    /// Attributed usage per quarter, model and tenant (all hosts summed).
    public func reportUsage(from: Timestamp, to: Timestamp, tenant: String? = nil) throws -> [ReportRows.Usage] {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT quarter_start_ns, model, tenant, SUM(requests), SUM(prompt_tokens), SUM(completion_tokens),
                       SUM(dynamic_uj), SUM(idle_uj)
                FROM usage_quarter
                WHERE quarter_start_ns >= ?1 AND quarter_start_ns < ?2 AND (?3 IS NULL OR tenant = ?3)
                GROUP BY quarter_start_ns, model, tenant
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, tenant)
            var rows: [ReportRows.Usage] = []
            while try select.step() {
                rows.append(
                    ReportRows.Usage(
                        quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)), model: select.text(at: 1),
                        tenant: select.text(at: 2), requests: select.int64(at: 3), promptTokens: select.int64(at: 4),
                        completionTokens: select.int64(at: 5), dynamic: Energy(microjoules: select.int64(at: 6)),
                        idle: Energy(microjoules: select.int64(at: 7))))
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
                WHERE quarter_start_ns >= ?1 AND quarter_start_ns < ?2 AND (?3 IS NULL OR tenant = ?3)
                GROUP BY quarter_start_ns
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, tenant)
            var rows: [ReportRows.QuarterTotal] = []
            while try select.step() {
                rows.append(
                    ReportRows.QuarterTotal(
                        quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                        requests: select.int64(at: 1), energy: Energy(microjoules: select.int64(at: 2))))
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
                WHERE window_start_ns >= ?1 AND window_start_ns < ?2 AND counted != 0
                GROUP BY window_start_ns
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, nil)
            var rows: [ReportRows.BookQuarter] = []
            while try select.step() {
                func energy(_ i: Int32) -> Energy { Energy(microjoules: select.int64(at: i)) }
                rows.append(
                    ReportRows.BookQuarter(
                        quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)), measured: energy(1),
                        idle: energy(2), attributed: energy(3), unattributed: energy(4), idleAllocated: energy(5)))
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
                WHERE window_start_ns >= ?1 AND window_start_ns < ?2
                GROUP BY host, domain ORDER BY host, domain
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, nil)
            var rows: [ReportRows.BookDomain] = []
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
                WHERE window_start_ns >= ?1 AND window_start_ns < ?2
                GROUP BY host ORDER BY host
                """)
            defer { select.reset() }
            try bindPeriod(select, from, to, nil)
            var rows: [ReportRows.HostCoverage] = []
            while try select.step() {
                rows.append(
                    ReportRows.HostCoverage(
                        host: select.text(at: 0), windows: select.int64(at: 1),
                        covered: .nanoseconds(select.int64(at: 2)),
                        firstWindowStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 3)),
                        lastWindowStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 4))))
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

/// Binds `?1` = from, `?2` = to and, when the statement has it, `?3` = the
/// optional text (NULL when nil).
func bindPeriod(_ statement: Statement, _ from: Timestamp, _ to: Timestamp, _ text: String?) throws {
    try statement.bind(from.nanosecondsSinceEpoch, at: 1)
    try statement.bind(to.nanosecondsSinceEpoch, at: 2)
    if statement.sql.contains("?3") { try statement.bind(text, at: 3) }
}
