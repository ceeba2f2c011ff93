import FrugalCore
import FrugalStore
import PostgresNIO

extension PostgresStore {
    /// `SQLiteStore.replaceAttributionWindow` for a host writing straight to
    /// PostgreSQL: deletes an earlier run of the window, writes the window,
    /// its books and its shares (matched to stored requests by host, start
    /// and id), and rebuilds the quarter's `usage_quarter` rows — one
    /// transaction. Returns how many shares named a request not stored.
    @discardableResult
    public func replaceAttributionWindow(_ w: AttributionWindowRecord) async throws(FleetError) -> Int {
        let start = w.start.nanosecondsSinceEpoch
        try await ensurePartitions([FleetMonth(containing: w.start)])
        let window: [FleetValue] = [
            .text(w.host), .integer(start), .integer(w.end.nanosecondsSinceEpoch),
            .integer(w.computedAt.nanosecondsSinceEpoch),
            .integer(Int64(w.requestCount)), .integer(w.clockOffset.nanoseconds), .text(w.clockOffsetSource),
            .integer(w.covered.nanoseconds),
        ]
        let books = w.books.map { book -> [FleetValue] in
            let l = book.ledger
            return [
                .text(w.host), .integer(start), .text(book.domain.id.rawValue), .text(book.domain.kind.rawValue),
                .integer(book.counted ? 1 : 0), .integer(l.measured.microjoules), .integer(l.idle.microjoules),
                .integer(l.attributed.microjoules), .integer(l.unattributed.microjoules),
                .integer(l.idleAllocated.microjoules), .integer(l.idlePower.microwatts), .text(l.idlePowerSource),
            ]
        }
        var shares = PostgresBindings()
        shares.append(w.host)
        shares.append(start)
        shares.append(w.shares.map(\.start.nanosecondsSinceEpoch))
        shares.append(w.shares.map(\.id))
        shares.append(w.shares.map(\.dynamic.microjoules))
        shares.append(w.shares.map(\.idle.microjoules))
        shares.append(w.shares.map(\.method))
        shares.append(w.shares.map { Self.domainsJSON($0.domains) })
        let sharesQuery = PostgresQuery(unsafeSQL: FleetTables.sharesByRequest, binds: shares)
        let host = w.host
        let end = w.end.nanosecondsSinceEpoch
        return try await connection.transaction { connection, logger in
            for sql in FleetTables.windowDeletes.prefix(3) {
                var binds = PostgresBindings()
                binds.append(host)
                binds.append([start])
                try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
            }
            for query in FleetTables.windowsInsert.queries([window]) + FleetTables.booksInsert.queries(books) {
                try await connection.query(query, logger: logger)
            }
            var inserted = 0
            for try await _ in try await connection.query(sharesQuery, logger: logger) { inserted += 1 }
            try await Self.rebuildQuarter(host: host, start: start, end: end, connection, logger)
            return w.shares.count - inserted
        }
    }

    /// The quarter's usage rows, as SQLite's `rebuildQuarter` makes them:
    /// energy used in the window per model and tenant; requests that ended in
    /// it, with their tokens and the histogram of their full cost.
    private static func rebuildQuarter(
        host: String, start: Int64, end: Int64, _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        struct Usage {
            var requests: Int64 = 0
            var prompt: Int64 = 0
            var completion: Int64 = 0
            var dynamic: Int64 = 0
            var idle: Int64 = 0
            var costs = EnergyHistogram()
        }
        var rows: [String: [String: Usage]] = [:]
        for try await (model, tenant, dynamic, idle) in try await connection.query(
            """
            SELECT r.model, r.tenant, sum(e.dynamic_uj)::bigint, sum(e.idle_uj)::bigint
            FROM request_energy e JOIN requests r ON r.host = e.host AND r.request_key = e.request_key
            WHERE e.host = \(host) AND e.window_start_ns = \(start) GROUP BY r.model, r.tenant
            """, logger: logger
        ).decode((String, String, Int64, Int64).self) {
            rows[model, default: [:]][tenant, default: Usage()].dynamic = dynamic
            rows[model, default: [:]][tenant, default: Usage()].idle = idle
        }
        for try await (model, tenant, prompt, completion, cost) in try await connection.query(
            """
            SELECT r.model, r.tenant, r.prompt_tokens, r.completion_tokens,
                   (SELECT coalesce(sum(x.dynamic_uj + x.idle_uj), 0)::bigint FROM request_energy x
                    WHERE x.host = r.host AND x.request_key = r.request_key)
            FROM requests r WHERE r.host = \(host) AND r.end_ns >= \(start) AND r.end_ns < \(end)
            """, logger: logger
        ).decode((String, String, Int64?, Int64?, Int64).self) {
            rows[model, default: [:]][tenant, default: Usage()].requests += 1
            rows[model, default: [:]][tenant, default: Usage()].prompt += prompt ?? 0
            rows[model, default: [:]][tenant, default: Usage()].completion += completion ?? 0
            rows[model, default: [:]][tenant, default: Usage()].costs.add(Energy(microjoules: cost))
        }
        try await connection.query(
            "DELETE FROM usage_quarter WHERE host = \(host) AND quarter_start_ns = \(start)", logger: logger)
        let values: [[FleetValue]] = rows.sorted { $0.key < $1.key }.flatMap { model, tenants in
            tenants.sorted { $0.key < $1.key }.map { tenant, u in
                [
                    .text(host), .integer(start), .text(model), .text(tenant), .integer(u.requests), .integer(u.prompt),
                    .integer(u.completion), .integer(u.dynamic), .integer(u.idle), .blob(u.costs.encoded),
                ]
            }
        }
        for query in FleetTables.usageInsert.queries(values) { try await connection.query(query, logger: logger) }
    }

    /// `{"<domain>":[dynamic_uj,idle_uj],…}`, as the SQLite store writes it.
    static func domainsJSON(_ parts: [(domain: DomainID, dynamic: Energy, idle: Energy)]) -> String {
        var json = "{"
        for (index, part) in parts.enumerated() {
            if index > 0 { json += "," }
            var escaped = ""
            for scalar in part.domain.rawValue.unicodeScalars {
                switch scalar {
                case "\"": escaped += "\\\""
                case "\\": escaped += "\\\\"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            json += "\"\(escaped)\":[\(part.dynamic.microjoules),\(part.idle.microjoules)]"
        }
        return json + "}"
    }
}

extension FleetTables {
    /// A window's shares joined to their requests by (host, start, id): `$1`
    /// host, `$2` window start, `$3…$8` arrays of start, id, dynamic, idle, method, domains.
    static let sharesByRequest = """
        INSERT INTO request_energy (host, window_start_ns, request_key, dynamic_uj, idle_uj, method, domains)
        SELECT $1, $2, r.request_key, s.dynamic_uj, s.idle_uj, s.method, s.domains
        FROM unnest($3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[])
             AS s (start_ns, id, dynamic_uj, idle_uj, method, domains)
        JOIN requests r ON r.host = $1 AND r.start_ns = s.start_ns AND r.id = s.id
        RETURNING 1
        """
}
