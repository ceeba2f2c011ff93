import FrugalStore
import PostgresNIO

/// Checks that the fleet database holds exactly what a host's SQLite file
/// holds: every copied table of that host, row for row, value for value
/// (`frugal migrate` runs it at the end; the tests lean on it).
public struct FleetComparison: Sendable {
    /// A table whose rows differ, with the first difference.
    public struct Difference: Sendable, CustomStringConvertible {
        public var table: String
        public var localRows: Int
        public var fleetRows: Int
        public var detail: String
        public var description: String { "\(table): local \(localRows) rows, fleet \(fleetRows) rows; \(detail)" }
    }

    /// Tables compared, and their row counts on the local side.
    public var rowCounts: [String: Int] = [:]
    public var differences: [Difference] = []
    public var isEqual: Bool { differences.isEmpty }

    /// Per table: the SQLite query for `host` (`?1`) and the PostgreSQL one (`$1`), same columns, same order.
    static let checks: [(table: String, local: String, fleet: String, types: [ColumnType])] = [
        (
            "rollup_minute", FleetTables.rollupsSelect + " AND h.name = ?3 ORDER BY 3, 2",
            "SELECT " + FleetTables.rollupColumns.joined(separator: ", ")
                + " FROM rollup_minute WHERE host = $1 ORDER BY 3, 2", FleetTables.rollupTypes
        ),
        (
            "sample_blocks", FleetTables.blocksSelect + " AND h.name = ?3 ORDER BY 3, 2",
            "SELECT host, domain, minute_start_ns, data FROM sample_blocks WHERE host = $1 ORDER BY 3, 2",
            FleetTables.blockTypes
        ),
        (
            "rollup_hour",
            """
            SELECT h.name, d.domain_id, r.hour_start_ns, r.energy_uj, r.sample_count, r.covered_ns, r.wrapped_count
            FROM rollup_hour r JOIN domains d ON d.domain_key = r.domain_key JOIN hosts h ON h.host_key = d.host_key
            WHERE h.name = ?1 ORDER BY 3, 2
            """,
            """
            SELECT host, domain, hour_start_ns, energy_uj, sample_count, covered_ns, wrapped_count
            FROM rollup_hour WHERE host = $1 ORDER BY 3, 2
            """, FleetTables.rollupTypes
        ),
        (
            "requests",
            "SELECT " + FleetTables.requestColumns.joined(separator: ", ")
                + " FROM requests WHERE host = ?1 ORDER BY request_key",
            "SELECT " + FleetTables.requestColumns.joined(separator: ", ")
                + " FROM requests WHERE host = $1 ORDER BY request_key", FleetTables.requestTypes
        ),
        tableCheck("attribution_windows", FleetTables.windowColumns, FleetTables.windowTypes, order: "2"),
        tableCheck("attribution_books", FleetTables.bookColumns, FleetTables.bookTypes, order: "2, 3"),
        tableCheck("request_energy", FleetTables.shareColumns, FleetTables.shareTypes, order: "2, 3"),
        tableCheck("usage_quarter", FleetTables.usageColumns, FleetTables.usageTypes, order: "2, 3, 4"),
        tableCheck("model_coefficients", FleetTables.coefficientColumns, FleetTables.coefficientTypes, order: "2"),
    ]

    static func tableCheck(_ table: String, _ columns: [String], _ types: [ColumnType], order: String) -> (
        table: String, local: String, fleet: String, types: [ColumnType]
    ) {
        let list = columns.joined(separator: ", ")
        return (
            table, "SELECT \(list) FROM \(table) WHERE host = ?1 ORDER BY \(order)",
            "SELECT \(list) FROM \(table) WHERE host = $1 ORDER BY \(order)", types
        )
    }

    /// Compares every table of `host` between the SQLite file at `localPath` and `store`.
    public static func compare(host: String, localPath: String, store: PostgresStore) async throws -> FleetComparison {
        let source = try LocalSource(path: localPath, host: host)
        defer { source.close() }
        var comparison = FleetComparison()
        for check in checks {
            let local = try source.snapshot {
                try source.rows(
                    check.local, check.types,
                    check.local.contains("?3")
                        ? [.integer(Int64.min), .integer(Int64.max), .text(host)] : [.text(host)]
                ).map { check.table == "sample_blocks" ? try LocalSource.normalized($0) : $0 }
            }
            let fleet = try await store.rows(check.fleet, check.types, host: host)
            comparison.rowCounts[check.table] = local.count
            if local != fleet {
                let index = local.indices.first { $0 >= fleet.count || local[$0] != fleet[$0] } ?? local.count
                let detail =
                    index < min(local.count, fleet.count)
                    ? "row \(index): local \(local[index]) fleet \(fleet[index])" : "rows from \(index) on are missing"
                comparison.differences.append(
                    Difference(table: check.table, localRows: local.count, fleetRows: fleet.count, detail: detail))
            }
        }
        return comparison
    }
}

extension PostgresStore {
    /// Rows of a query with one parameter (`$1` = host), decoded by `types`.
    func rows(_ sql: String, _ types: [ColumnType], host: String) async throws(FleetError) -> [[FleetValue]] {
        try await connection.run { connection, logger in
            var binds = PostgresBindings()
            binds.append(host)
            var rows: [[FleetValue]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            {
                let cells = row.makeRandomAccess()
                rows.append(
                    try types.enumerated().map { index, type in
                        let cell = cells[index]
                        switch type {
                        case .integer: return try cell.decode(Int64?.self).map(FleetValue.integer) ?? .null
                        case .real: return try cell.decode(Double?.self).map(FleetValue.real) ?? .null
                        case .text: return try cell.decode(String?.self).map(FleetValue.text) ?? .null
                        case .blob:
                            return try cell.decode(ByteBuffer?.self).map { .blob(Array($0.readableBytesView)) } ?? .null
                        }
                    })
            }
            return rows
        }
    }
}
