import FrugalCore

/// The monthly report's reads (`ReportReading`) on the SQLite file: each
/// query of `ReportQueries` runs once per host over its key range (a range
/// scan, rows in key order, no sort), on one cached statement.
extension SQLiteStore: ReportReading {
    public func reportHosts() async throws -> [String] {
        try locked { try reportHosts($0) }
    }

    public func reportRows<Row: Sendable>(_ query: ReportQuery<Row>, _ parameters: [ReportValue], hosts: [String])
        async throws -> [Row]
    {
        try locked { engine in
            var rows: [Row] = []
            for host in hosts { rows += try run(engine, query, parameters, host: host) }
            return rows
        }
    }

    public func reportRows<Row: Sendable>(_ query: ReportQuery<Row>, _ parameters: [ReportValue]) async throws
        -> [Row]
    {
        try locked { try run($0, query, parameters, host: nil) }
    }

    /// Gaps are keyed by domain (`domain_key`), not host: a host's are its domains'.
    public func reportGaps(from: Timestamp, to: Timestamp, host: String?) async throws -> ReportRows.Gaps {
        try locked { engine in
            let select = try engine.db.cached(
                """
                SELECT COUNT(*), COALESCE(SUM(MIN(end_ns, ?2) - MAX(start_ns, ?1)), 0) FROM gaps
                WHERE start_ns < ?2 AND end_ns > ?1
                      AND (?3 IS NULL OR domain_key IN (
                          SELECT d.domain_key FROM domains d JOIN hosts h ON h.host_key = d.host_key WHERE h.name = ?3))
                """)
            defer { select.reset() }
            try bind(select, [.time(from), .time(to), .text(host)], host: nil)
            _ = try select.step()
            return ReportRows.Gaps(count: select.int64(at: 0), total: .nanoseconds(select.int64(at: 1)))
        }
    }

    private func run<Row>(_ engine: StoreEngine, _ query: ReportQuery<Row>, _ parameters: [ReportValue], host: String?)
        throws -> [Row]
    {
        let select = try engine.db.cached(query.sql)
        defer { select.reset() }
        try bind(select, parameters, host: host)
        var rows: [Row] = []
        while try select.step() { rows.append(try query.decode(StatementCells(statement: select))) }
        return rows
    }

    private func bind(_ statement: Statement, _ parameters: [ReportValue], host: String?) throws {
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let number): try statement.bind(number, at: index)
            case .text(let text): try statement.bind(text, at: index)
            case .host:
                guard let host else { preconditionFailure("a query with a host parameter runs per host") }
                try statement.bind(host, at: index)
            }
        }
    }

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
        return hosts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// A result row of a SQLite statement, as `ReportCells`.
struct StatementCells: ReportCells {
    let statement: Statement

    func int64(_ column: Int) -> Int64 { statement.int64(at: Int32(column)) }
    func double(_ column: Int) -> Double { statement.double(at: Int32(column)) }
    func text(_ column: Int) -> String { statement.text(at: Int32(column)) }
    func isNull(_ column: Int) -> Bool { statement.isNull(at: Int32(column)) }
}
