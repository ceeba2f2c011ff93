import FrugalCore
import FrugalStore
import Logging
import PostgresNIO

/// The monthly report's reads (`ReportReading`) on the fleet database: the
/// SQLite store's queries (`ReportQueries`, rewritten by
/// `ReportDialect.postgres`), run host by host on the primary keys, which
/// lead with `host` here too; the month's partitions only. One unit of work
/// per read, on the store's one connection.
extension PostgresStore: ReportReading {
    /// The fleet's hosts (`hosts`, every host a shipper registered), in byte order.
    public func reportHosts() async throws -> [String] {
        try await connection.run { connection, logger in
            var hosts: [String] = []
            for try await name in try await connection.query(
                "SELECT name FROM hosts ORDER BY name COLLATE \"C\"", logger: logger
            ).decode(String.self) {
                hosts.append(name)
            }
            return hosts
        }
    }

    public func reportRows<Row: Sendable>(_ query: ReportQuery<Row>, _ parameters: [ReportValue], hosts: [String])
        async throws -> [Row]
    {
        let sql = ReportDialect.postgres.sql(query.sql)
        return try await connection.run { connection, logger in
            var rows: [Row] = []
            for host in hosts {
                rows += try await Self.rows(connection, logger, sql, query, Self.binds(parameters, host: host))
            }
            return rows
        }
    }

    public func reportRows<Row: Sendable>(_ query: ReportQuery<Row>, _ parameters: [ReportValue]) async throws
        -> [Row]
    {
        let sql = ReportDialect.postgres.sql(query.sql)
        return try await connection.run { connection, logger in
            try await Self.rows(connection, logger, sql, query, Self.binds(parameters, host: nil))
        }
    }

    /// Gaps carry their host here (SQLite keys them by domain).
    public func reportGaps(from: Timestamp, to: Timestamp, host: String?) async throws -> ReportRows.Gaps {
        let (from, to) = (from.nanosecondsSinceEpoch, to.nanosecondsSinceEpoch)
        return try await connection.run { connection, logger in
            var gaps = ReportRows.Gaps(count: 0, total: .zero)
            for try await (count, total) in try await connection.query(
                """
                SELECT count(*), coalesce(sum(least(end_ns, \(to)) - greatest(start_ns, \(from))), 0)::bigint
                FROM gaps WHERE start_ns < \(to) AND end_ns > \(from) AND (\(host)::text IS NULL OR host = \(host))
                """, logger: logger
            ).decode((Int64, Int64).self) {
                gaps = ReportRows.Gaps(count: count, total: .nanoseconds(total))
            }
            return gaps
        }
    }

    private static func rows<Row>(
        _ connection: PostgresConnection, _ logger: Logger, _ sql: String, _ query: ReportQuery<Row>,
        _ binds: PostgresBindings
    ) async throws -> [Row] {
        var rows: [Row] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) {
            rows.append(try query.decode(PostgresCells(row: row.makeRandomAccess())))
        }
        return rows
    }

    private static func binds(_ parameters: [ReportValue], host: String?) -> PostgresBindings {
        var binds = PostgresBindings(capacity: parameters.count)
        for value in parameters {
            switch value {
            case .integer(let number): binds.append(number)
            case .text(let text): binds.append(text)
            case .host:
                guard let host else { preconditionFailure("a query with a host parameter runs per host") }
                binds.append(host)
            }
        }
        return binds
    }
}

/// A PostgreSQL result row as `ReportCells`: NULL reads as 0, 0.0 or "".
struct PostgresCells: ReportCells {
    let row: PostgresRandomAccessRow

    func int64(_ column: Int) throws -> Int64 { try row[column].decode(Int64?.self) ?? 0 }
    func double(_ column: Int) throws -> Double { try row[column].decode(Double?.self) ?? 0 }
    func text(_ column: Int) throws -> String { try row[column].decode(String?.self) ?? "" }
    func isNull(_ column: Int) -> Bool { row[column].bytes == nil }
}
