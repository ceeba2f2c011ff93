import FrugalCore

/// What the monthly report reads from a store, whatever the engine: a host's
/// SQLite file (`SQLiteStore`) or the fleet's PostgreSQL (`PostgresStore`).
///
/// An engine answers three things only: the rows of a `ReportQuery` run once
/// per host, the hosts, and the gaps (their tables differ). The named reads
/// (`reportUsageLines`, …) are written once, in `ReportReading+Reads.swift`,
/// over the same SQL text, so both engines give the same rows; every fold of
/// floating-point values happens there, in a fixed order, so both give the
/// same doubles too.
public protocol ReportReading: Sendable {
    /// The hosts that have report data, sorted by name (byte order).
    func reportHosts() async throws -> [String]

    /// `query` run once for each of `hosts`, in that order, with `.host`
    /// among `parameters` bound to that host; the rows of every run, in order.
    func reportRows<Row: Sendable>(_ query: ReportQuery<Row>, _ parameters: [ReportValue], hosts: [String])
        async throws -> [Row]

    /// `query` run once, with no host (a table without one, grid intensity).
    func reportRows<Row: Sendable>(_ query: ReportQuery<Row>, _ parameters: [ReportValue]) async throws -> [Row]

    /// Sample gaps of `host` (every host when nil) that overlap `[from, to)`,
    /// their length clipped to it.
    func reportGaps(from: Timestamp, to: Timestamp, host: String?) async throws -> ReportRows.Gaps
}

/// A parameter of a `ReportQuery`, bound at its place (`?1` is the first).
public enum ReportValue: Sendable, Hashable {
    case integer(Int64)
    case text(String?)
    /// The host of the current run (`ReportReading.reportRows(_:_:hosts:)`).
    case host

    public static func time(_ instant: Timestamp) -> ReportValue { .integer(instant.nanosecondsSinceEpoch) }
}

/// One of the report's queries: its SQL, in the dialect both engines read
/// (SQLite's, with `?N` parameters; `ReportDialect.postgres` rewrites the few
/// spellings PostgreSQL lacks), and how a row of it becomes a value.
public struct ReportQuery<Row: Sendable>: Sendable {
    public let sql: String
    public let decode: @Sendable (any ReportCells) throws -> Row

    public init(_ sql: String, decode: @escaping @Sendable (any ReportCells) throws -> Row) {
        self.sql = sql
        self.decode = decode
    }
}

/// The columns of one result row, by position from 0. A NULL reads as 0,
/// 0.0 or "" (as SQLite's column functions do); `isNull` tells it apart.
public protocol ReportCells {
    func int64(_ column: Int) throws -> Int64
    func double(_ column: Int) throws -> Double
    func text(_ column: Int) throws -> String
    func isNull(_ column: Int) throws -> Bool
}

extension ReportCells {
    public func optionalDouble(_ column: Int) throws -> Double? { try isNull(column) ? nil : double(column) }
    public func energy(_ column: Int) throws -> Energy { Energy(microjoules: try int64(column)) }
    public func timestamp(_ column: Int) throws -> Timestamp { Timestamp(nanosecondsSinceEpoch: try int64(column)) }
}

/// The SQL spellings that differ between the engines, for the report's
/// queries: they are written for SQLite, and PostgreSQL gets `$N` for `?N`,
/// `COLLATE "C"` for `COLLATE BINARY` (byte order, as SQLite compares text)
/// and `string_agg(DISTINCT x, ',')` for `GROUP_CONCAT(DISTINCT x)`.
/// Integer sums are written `CAST(SUM(x) AS BIGINT)`: PostgreSQL's `sum` of
/// `bigint` is `numeric`.
public enum ReportDialect {
    case sqlite, postgres

    public func sql(_ text: String) -> String {
        guard self == .postgres else { return text }
        return SQLDialect.postgres.statement(
            text.replacing("COLLATE BINARY", with: "COLLATE \"C\"")
                .replacing(#/GROUP_CONCAT\(DISTINCT (\w+)\)/#) { "string_agg(DISTINCT \($0.output.1), ',')" })
    }
}
