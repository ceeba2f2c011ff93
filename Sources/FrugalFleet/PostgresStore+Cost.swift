import FrugalCore
import FrugalStore

/// The cost API's reads over the whole fleet: `CostSQL`'s statements, as the
/// SQLite store runs them, in PostgreSQL's dialect. A host's answer (`host=`)
/// equals the one its own file gives; without a host filter, every host's
/// rows are summed together.
extension PostgresStore: CostReading {
    public var location: String { settings.description }
    public var expectedSchemaVersion: Int { FleetSchema.latestVersion }

    public func usage(_ query: CostQuery, by grouping: UsageGrouping, histograms: Bool) async throws
        -> [UsageSummary]
    {
        try await reading { db in
            var fold = CostSQL.UsageFold()
            let parameters = CostSQL.costParameters(query)
            for row in try await db.rows(CostSQL.usage(by: grouping, .postgres), parameters) { fold.add(row) }
            if histograms {
                var blobs: [String: [[UInt8]]] = [:]
                for row in try await db.rows(CostSQL.costHistograms(by: grouping, .postgres), parameters) {
                    blobs[row.text(at: 0), default: []].append(row.blob(at: 1))
                }
                fold.attach(blobs)
            }
            return fold.summaries
        }
    }

    public func knownModels() async throws -> Set<String> {
        try await reading { db in Set(try await db.rows(CostSQL.knownModels).map { $0.text(at: 0) }) }
    }

    public func modelCoefficients(model: String?) async throws -> [StoredModelCoefficients] {
        try await reading { db in
            try await db.rows(CostSQL.coefficients(.postgres), [.text(model)]).map { CostSQL.coefficients($0) }
        }
    }

    public func requestPage(_ query: RequestPageQuery) async throws -> RequestPage {
        try await reading { db in
            var hosts = query.window.host.map { [$0] } ?? []
            while query.window.host == nil {
                let next = try await db.rows(CostSQL.nextRequestHost(.postgres), [.text(hosts.last ?? "")])
                guard let host = next.first?.optionalText(at: 0) else { break }
                hosts.append(host)
            }
            var merged: [(RequestCursor, RequestRecord)] = []
            for host in hosts {
                let rows = try await db.rows(
                    CostSQL.requestRows(.postgres), CostSQL.requestRowParameters(query, host: host))
                merged += rows.map { CostSQL.request($0) }
            }
            let (page, more) = CostSQL.page(merged, limit: query.limit)
            var costs: [RequestCost] = []
            for (cursor, record) in page {
                costs.append(
                    try await Self.requestCost(
                        db, key: cursor.requestKey, record: record, zone: query.window.zone, windows: false))
            }
            return RequestPage(requests: costs, next: more ? costs.last?.cursor : nil)
        }
    }

    public func requestCosts(id: String, host: String?, zone: String) async throws -> [RequestCost] {
        try await reading { db in
            var costs: [RequestCost] = []
            for row in try await db.rows(
                CostSQL.requestsByID(.postgres), CostSQL.requestsByIDParameters(id: id, host: host))
            {
                let (cursor, record) = CostSQL.request(row)
                costs.append(
                    try await Self.requestCost(db, key: cursor.requestKey, record: record, zone: zone, windows: true))
            }
            return costs
        }
    }

    private static func requestCost(
        _ db: FleetReader, key: Int64, record: RequestRecord, zone: String, windows: Bool
    ) async throws -> RequestCost {
        var fold = CostSQL.RequestCostFold(key: key, record: record, windows: windows)
        let parameters = CostSQL.requestWindowParameters(key: key, record: record, zone: zone)
        for row in try await db.rows(CostSQL.requestWindows(.postgres), parameters) { fold.add(row) }
        return fold.cost
    }

    public func hostCosts(from: Timestamp, to: Timestamp) async throws -> [HostCost] {
        try await reading { db in
            var fold = CostSQL.HostFold()
            let window: [SQLValue] = [.integer(from.nanosecondsSinceEpoch), .integer(to.nanosecondsSinceEpoch)]
            for row in try await db.rows(CostSQL.hostNames) { fold.addName(row) }
            for row in try await db.rows(CostSQL.hostBooks(.postgres), window) { fold.addBook(row) }
            for row in try await db.rows(CostSQL.hostWindows(.postgres), window) { fold.addWindows(row) }
            return fold.result
        }
    }

    public func gridIntensity(zone: String, from: Timestamp, to: Timestamp) async throws -> [GridIntensityRow] {
        try await reading { db in
            let parameters: [SQLValue] = [
                .text(zone), .integer(from.nanosecondsSinceEpoch), .integer(to.nanosecondsSinceEpoch),
            ]
            return try await db.rows(CostSQL.gridIntensity(.postgres), parameters).compactMap {
                CostSQL.gridRow($0, zone: zone)
            }
        }
    }

    public func quarterEnergyWithIntensity(zone: String, host: String?, from: Timestamp, to: Timestamp)
        async throws -> [QuarterEnergyIntensity]
    {
        try await reading { db in
            let parameters: [SQLValue] = [
                .text(zone), .integer(from.nanosecondsSinceEpoch), .integer(to.nanosecondsSinceEpoch), .text(host),
            ]
            return try await db.rows(CostSQL.quarterEnergy(.postgres), parameters).map { CostSQL.quarterEnergy($0) }
        }
    }

    public func domainMinutes(since: Int64) async throws -> [CostMetricRow] {
        try await metricRows(CostSQL.domainMinutes(.postgres), [.integer(since)], CostSQL.domainMinutesShape)
    }

    public func usageQuarters(since: Int64, zone: String) async throws -> [CostMetricRow] {
        try await metricRows(
            CostSQL.usageQuarters(.postgres), [.integer(since), .text(zone)], CostSQL.usageQuartersShape)
    }

    public func bookWindows(since: Int64) async throws -> [CostMetricRow] {
        try await metricRows(CostSQL.bookWindows(.postgres), [.integer(since)], CostSQL.bookWindowsShape)
    }

    public func ingestCounterRows() async throws -> [CostMetricRow] {
        try await metricRows(CostSQL.ingestCounters(.postgres), [.integer(0)], CostSQL.ingestCountersShape)
    }

    private func metricRows(_ sql: String, _ parameters: [SQLValue], _ shape: CostSQL.MetricShape) async throws
        -> [CostMetricRow]
    {
        try await reading { db in try await db.rows(sql, parameters).map { CostSQL.metricRow($0, shape) } }
    }

    /// The position of the server's write-ahead log (the replayed one on a
    /// standby): it moves with every commit, anyone's, so readers recompute
    /// at worst more often than needed, never less.
    public func dataVersion() async throws -> Int64 {
        try await reading { db in
            try await db.rows(
                """
                SELECT pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
                                            ELSE pg_current_wal_lsn() END, '0/0')::bigint
                """
            ).first?.int64(at: 0) ?? 0
        }
    }
}
