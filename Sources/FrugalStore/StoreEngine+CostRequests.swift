import FrugalCore

extension StoreEngine {
    /// A page of requests starting in the window, ordered by (start, key). Each
    /// host is read along its `(host, start_ns, id)` index and the pages merged.
    func requestPage(_ query: RequestPageQuery) throws -> RequestPage {
        let hosts = try query.window.host.map { [$0] } ?? requestHosts()
        var merged: [(RequestCursor, RequestRecord)] = []
        for host in hosts {
            try each(CostSQL.requestRows(.sqlite), CostSQL.requestRowParameters(query, host: host)) {
                merged.append(CostSQL.request($0))
            }
        }
        let (rows, more) = CostSQL.page(merged, limit: query.limit)
        let costs = try rows.map { cursor, record in
            try requestCost(key: cursor.requestKey, record: record, zone: query.window.zone, windows: false)
        }
        return RequestPage(requests: costs, next: more ? costs.last?.cursor : nil)
    }

    /// The hosts of stored requests, one index seek each.
    private func requestHosts() throws -> [String] {
        var hosts: [String] = []
        while true {
            var next: String?
            try each(CostSQL.nextRequestHost(.sqlite), [.text(hosts.last ?? "")]) { next = $0.optionalText(at: 0) }
            guard let next else { return hosts }
            hosts.append(next)
        }
    }

    /// The requests with this id (normally one), newest first, with their windows.
    func requestCosts(id: String, host: String?, zone: String) throws -> [RequestCost] {
        var found: [(RequestCursor, RequestRecord)] = []
        try each(CostSQL.requestsByID(.sqlite), CostSQL.requestsByIDParameters(id: id, host: host)) {
            found.append(CostSQL.request($0))
        }
        return try found.map { try requestCost(key: $0.0.requestKey, record: $0.1, zone: zone, windows: true) }
    }

    private func requestCost(key: Int64, record: RequestRecord, zone: String, windows: Bool) throws -> RequestCost {
        var fold = CostSQL.RequestCostFold(key: key, record: record, windows: windows)
        try each(
            CostSQL.requestWindows(.sqlite), CostSQL.requestWindowParameters(key: key, record: record, zone: zone)
        ) { fold.add($0) }
        return fold.cost
    }
}
