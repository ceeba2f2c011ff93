import FrugalCore
import Logging
import PostgresNIO

extension PostgresStore {
    /// Creates the monthly partitions of every partitioned table for `months`
    /// (those this process has not seen yet), one transaction under an
    /// advisory lock so hosts creating the same month at once do not collide.
    public func ensurePartitions(_ months: [FleetMonth]) async throws(FleetError) {
        let missing = knownMonths.withLock { known in Set(months).subtracting(known) }
        guard !missing.isEmpty else { return }
        try await connection.transaction { connection, logger in
            try await connection.query("SELECT pg_advisory_xact_lock(727101)", logger: logger)
            for month in missing.sorted() {
                for (table, _) in FleetSchema.partitioned {
                    let sql = FleetPartitions.createSQL(table: table, month: month)
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                }
            }
        }
        knownMonths.withLock { $0.formUnion(missing) }
    }

    /// Partitions for the months from `instant`'s through `ahead` months later.
    public func ensurePartitions(around instant: Timestamp, ahead: Int = 2) async throws(FleetError) {
        var months = [FleetMonth(containing: instant)]
        for _ in 0..<ahead { months.append(months[months.count - 1].next) }
        try await ensurePartitions(months)
    }

    /// Drops every partition of `tables` (default: all partitioned tables)
    /// whose month ends at or before `before`: retention for the whole fleet,
    /// a metadata operation whatever the month's size. Returns the dropped names.
    @discardableResult
    public func dropPartitions(before: Timestamp, tables: [String]? = nil) async throws(FleetError) -> [String] {
        let chosen = tables ?? FleetSchema.partitioned.map(\.table)
        let dropped = try await connection.transaction { connection, logger in
            var dropped: [String] = []
            for table in chosen {
                let rows = try await connection.query(
                    """
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = \(table) ORDER BY c.relname
                    """, logger: logger)
                for try await name in rows.decode(String.self) {
                    guard let month = FleetPartitions.month(ofPartition: name, table: table),
                        month.next.start <= before
                    else { continue }
                    dropped.append(name)
                }
            }
            for name in dropped {
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(name)"), logger: logger)
            }
            return dropped
        }
        knownMonths.withLock { $0.removeAll() }
        return dropped
    }

    /// Writes a shipment in one transaction. `hours` (ns, whole hours) are
    /// the hour rollups to rebuild from their minutes after the write.
    func write(_ shipment: Shipment, rebuildingHours hours: Range<Int64>? = nil, hosts: [String] = [])
        async throws(FleetError)
    {
        try await connection.transaction { connection, logger in
            for (insert, rows) in shipment.inserts {
                if insert.table == "gaps" { try await Self.deleteSwallowedGaps(rows, connection, logger) }
                for query in insert.queries(rows) { try await connection.query(query, logger: logger) }
            }
            if let hours, !hosts.isEmpty {
                var binds = PostgresBindings()
                binds.append(hosts)
                binds.append(hours.lowerBound)
                binds.append(hours.upperBound)
                try await connection.query(
                    PostgresQuery(unsafeSQL: FleetTables.hoursRebuild, binds: binds), logger: logger)
            }
        }
    }

    private static func deleteSwallowedGaps(_ rows: [[FleetValue]], _ connection: PostgresConnection, _ logger: Logger)
        async throws
    {
        for row in rows {
            var binds = PostgresBindings()
            for index in [0, 1, 4, 2, 3] { binds.bind(row[index]) }
            try await connection.query(
                PostgresQuery(unsafeSQL: FleetTables.gapsSwallowed, binds: binds), logger: logger)
        }
    }

    /// Replaces the shipped windows (and their quarters' usage) in one transaction.
    func write(_ shipment: WindowShipment) async throws(FleetError) {
        try await connection.transaction { connection, logger in
            for (host, starts) in shipment.startsByHost.sorted(by: { $0.key < $1.key }) {
                for sql in FleetTables.windowDeletes {
                    var binds = PostgresBindings()
                    binds.append(host)
                    binds.append(starts)
                    try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
                }
            }
            for (insert, rows) in [
                (FleetTables.windowsInsert, shipment.windows), (FleetTables.booksInsert, shipment.books),
                (FleetTables.sharesInsert, shipment.shares), (FleetTables.usageInsert, shipment.usage),
            ] {
                for query in insert.queries(rows) { try await connection.query(query, logger: logger) }
            }
        }
    }

    /// Runs one statement outside any transaction (maintenance, tests), to
    /// its end: the rows it returns are read and dropped (a row sequence left
    /// unread would return before the statement finished or failed).
    public func execute(_ sql: String) async throws(FleetError) {
        try await connection.run { connection, logger in
            for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
        }
    }
}
