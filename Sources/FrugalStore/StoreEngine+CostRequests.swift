import FrugalCore

extension StoreEngine {
    static let costRequestColumns = """
        r.request_key, r.id, r.host, r.tenant, r.model, r.start_ns, r.first_token_ns, r.end_ns, r.prompt_tokens,
        r.completion_tokens, r.status, r.streaming, r.format, r.endpoint
        """

    /// A page of requests starting in the window, ordered by (start, key). Each
    /// host is read along its `(host, start_ns, id)` index and the pages merged.
    func requestPage(_ query: RequestPageQuery) throws -> RequestPage {
        let hosts = try query.window.host.map { [$0] } ?? requestHosts()
        var merged: [(RequestCursor, RequestRecord)] = []
        for host in hosts { merged += try requestRows(query, host: host) }
        merged.sort { $0.0 < $1.0 }
        let page = merged.prefix(query.limit)
        var costs: [RequestCost] = []
        costs.reserveCapacity(page.count)
        for (cursor, record) in page {
            costs.append(
                try requestCost(key: cursor.requestKey, record: record, zone: query.window.zone, windows: false))
        }
        let next = merged.count > query.limit ? costs.last?.cursor : nil
        return RequestPage(requests: costs, next: next)
    }

    /// The hosts of stored requests, one index seek each.
    private func requestHosts() throws -> [String] {
        let select = try db.cached("SELECT min(host) FROM requests WHERE host > ?1")
        defer { select.reset() }
        var hosts: [String] = []
        var last = ""
        while true {
            select.reset()
            try select.bind(last, at: 1)
            guard try select.step(), !select.isNull(at: 0) else { return hosts }
            last = select.text(at: 0)
            hosts.append(last)
        }
    }

    private func requestRows(_ query: RequestPageQuery, host: String) throws -> [(RequestCursor, RequestRecord)] {
        let select = try db.cached(
            """
            SELECT \(Self.costRequestColumns) FROM requests r
            WHERE r.host = ?1 AND r.start_ns >= ?2 AND r.start_ns < ?3
              AND (r.start_ns > ?2 OR r.request_key > ?4)
              AND (?5 IS NULL OR r.model = ?5) AND (?6 IS NULL OR r.tenant = ?6) AND (?7 IS NULL OR r.status = ?7)
            ORDER BY r.start_ns, r.request_key LIMIT ?8
            """)
        defer { select.reset() }
        let window = query.window
        let start = max(window.from.nanosecondsSinceEpoch, query.after?.startNanoseconds ?? Int64.min)
        // Past the cursor: later starts, or the cursor's start with a higher key.
        let keyFloor = query.after.map { $0.startNanoseconds == start ? $0.requestKey : Int64.min } ?? Int64.min
        try select.bind(host, at: 1)
        try select.bind(start, at: 2)
        try select.bind(window.to.nanosecondsSinceEpoch, at: 3)
        try select.bind(keyFloor, at: 4)
        try select.bind(window.model, at: 5)
        try select.bind(window.tenant, at: 6)
        try select.bind(query.status.map { Int64($0) }, at: 7)
        try select.bind(Int64(query.limit + 1), at: 8)
        var rows: [(RequestCursor, RequestRecord)] = []
        while try select.step() {
            let record = costRecord(from: select)
            rows.append((RequestCursor(startNanoseconds: select.int64(at: 5), requestKey: select.int64(at: 0)), record))
        }
        return rows
    }

    /// The requests with this id (normally one), newest first, with their windows.
    func requestCosts(id: String, host: String?, zone: String) throws -> [RequestCost] {
        let select = try db.cached(
            """
            SELECT \(Self.costRequestColumns) FROM requests r
            WHERE r.id_hash = ?3 AND r.id = ?1 AND (?2 IS NULL OR r.host = ?2) ORDER BY r.start_ns DESC LIMIT 10
            """)
        try select.bind(id, at: 1)
        try select.bind(host, at: 2)
        try select.bind(RequestIDHash.of(id), at: 3)
        var found: [(Int64, RequestRecord)] = []
        while try select.step() { found.append((select.int64(at: 0), costRecord(from: select))) }
        select.reset()
        return try found.map { try requestCost(key: $0.0, record: $0.1, zone: zone, windows: true) }
    }

    private func requestCost(key: Int64, record: RequestRecord, zone: String, windows: Bool) throws -> RequestCost {
        let select = try db.cached(
            """
            SELECT e.window_start_ns, e.dynamic_uj, e.idle_uj, e.method, e.domains, g.g_per_kwh, g.source
            FROM request_energy e
            LEFT JOIN grid_intensity g ON g.zone = ?2 AND g.quarter_start_ns = e.window_start_ns
            WHERE e.request_key = ?1 ORDER BY e.window_start_ns
            """)
        defer { select.reset() }
        try select.bind(key, at: 1)
        try select.bind(zone, at: 2)
        var cost = RequestCost(key: key, record: record, dynamic: nil, idle: nil, intensity: [], windows: [])
        while try select.step() {
            let dynamic = Energy(microjoules: select.int64(at: 1))
            let idle = Energy(microjoules: select.int64(at: 2))
            let grams = select.isNull(at: 5) ? nil : select.double(at: 5)
            let source = select.optionalText(at: 6)
            cost.dynamic = (cost.dynamic ?? .zero) + dynamic
            cost.idle = (cost.idle ?? .zero) + idle
            let quarter = IntensityShare.isFeed(source) ? nil : Timestamp(nanosecondsSinceEpoch: select.int64(at: 0))
            let share = IntensityShare(
                source: source, quarterStart: quarter, energy: dynamic + idle, dynamic: dynamic,
                co2eGrams: (grams ?? 0) * Double((dynamic + idle).microjoules) / Self.microjoulesPerKWh,
                dynamicCo2eGrams: (grams ?? 0) * Double(dynamic.microjoules) / Self.microjoulesPerKWh)
            if let index = cost.intensity.firstIndex(where: { $0.source == source && $0.quarterStart == quarter }) {
                cost.intensity[index].energy += share.energy
                cost.intensity[index].dynamic += share.dynamic
                cost.intensity[index].co2eGrams += share.co2eGrams
                cost.intensity[index].dynamicCo2eGrams += share.dynamicCo2eGrams
            } else {
                cost.intensity.append(share)
            }
            if windows {
                cost.windows.append(
                    RequestWindowEnergy(
                        windowStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)), dynamic: dynamic,
                        idle: idle,
                        method: select.text(at: 3), domainsJSON: select.text(at: 4), intensityGramsPerKWh: grams,
                        intensitySource: source))
            }
        }
        return cost
    }

    private func costRecord(from s: Statement) -> RequestRecord {
        RequestRecord(
            id: s.text(at: 1), host: s.text(at: 2), tenant: s.text(at: 3), model: s.text(at: 4),
            start: Timestamp(nanosecondsSinceEpoch: s.int64(at: 5)),
            firstToken: s.optionalInt64(at: 6).map(Timestamp.init(nanosecondsSinceEpoch:)),
            end: Timestamp(nanosecondsSinceEpoch: s.int64(at: 7)), promptTokens: s.optionalInt64(at: 8).map { Int($0) },
            completionTokens: s.optionalInt64(at: 9).map { Int($0) }, status: Int(s.int64(at: 10)),
            streaming: s.optionalInt64(at: 11).map { $0 != 0 }, format: s.text(at: 12), endpoint: s.optionalText(at: 13)
        )
    }
}
