import FrugalCore

extension SQLiteStore {
    /// Requests that ended in the period, grouped by model, tenant, endpoint and
    /// size bucket (`ReportRows.SizeBuckets`), with the gateway's own estimates
    /// summed. The measured energy of every `stride`-th request key (by the
    /// request's windows in `request_energy`) gives the bucket's mean cost:
    /// a stride above 1 keeps a month of a million requests under a second.
    public func reportSizeGroups(from: Timestamp, to: Timestamp, tenant: String? = nil, stride: Int64 = 1) throws
        -> [ReportRows.SizeGroup]
    {
        precondition(stride >= 1, "stride must be at least 1")
        return try locked { engine in
            var groups: [ReportRows.SizeGroup] = []
            for host in try requestHosts(engine) {
                groups += try sizeGroups(engine, host: host, from: from, to: to, tenant: tenant, stride: stride)
            }
            return groups
        }
    }

    /// The distinct hosts of `requests`, one index seek each.
    private func requestHosts(_ engine: StoreEngine) throws -> [String] {
        let next = try engine.db.cached("SELECT MIN(host) FROM requests WHERE host > ?1")
        defer { next.reset() }
        var hosts: [String] = []
        var last = ""
        while true {
            next.reset()
            try next.bind(last, at: 1)
            guard try next.step(), let host = next.optionalText(at: 0) else { break }
            hosts.append(host)
            last = host
        }
        return hosts
    }

    private static let sizeGroupSQL = """
        SELECT model, tenant, ep, pb, cb, COUNT(*), SUM(p), SUM(c), COUNT(e), COALESCE(SUM(e), 0),
               COUNT(m), COALESCE(SUM(kmin), 0), COALESCE(SUM(kmax), 0), COALESCE(SUM(gmin), 0),
               COALESCE(SUM(gmax), 0), COALESCE(GROUP_CONCAT(DISTINCT m), '')
        FROM (
            SELECT model, tenant, COALESCE(endpoint, '') AS ep,
                   CASE WHEN COALESCE(prompt_tokens, 0) < ?6 THEN 0 WHEN prompt_tokens < ?7 THEN 1
                        WHEN prompt_tokens < ?8 THEN 2 ELSE 3 END AS pb,
                   CASE WHEN COALESCE(completion_tokens, 0) < ?9 THEN 0 WHEN completion_tokens < ?10 THEN 1
                        ELSE 2 END AS cb,
                   COALESCE(prompt_tokens, 0) AS p, COALESCE(completion_tokens, 0) AS c,
                   CASE WHEN request_key % ?4 = 0 THEN
                       (SELECT SUM(dynamic_uj + idle_uj) FROM request_energy e WHERE e.request_key = r.request_key)
                   END AS e,
                   estimate_method AS m, kwh_min AS kmin, kwh_max AS kmax, kgco2eq_min AS gmin, kgco2eq_max AS gmax
            FROM requests r
            WHERE host = ?5 AND end_ns >= ?1 AND end_ns < ?2 AND (?3 IS NULL OR tenant = ?3)
        )
        GROUP BY model, tenant, ep, pb, cb
        """

    private func sizeGroups(
        _ engine: StoreEngine, host: String, from: Timestamp, to: Timestamp, tenant: String?, stride: Int64
    ) throws -> [ReportRows.SizeGroup] {
        let select = try engine.db.cached(Self.sizeGroupSQL)
        defer { select.reset() }
        try bindPeriod(select, from, to, tenant)
        try select.bind(stride, at: 4)
        try select.bind(host, at: 5)
        let bounds = ReportRows.SizeBuckets.promptUpperBounds + ReportRows.SizeBuckets.completionUpperBounds
        precondition(bounds.count == 5, "the SQL has three prompt and two completion bounds")
        for (offset, bound) in bounds.enumerated() { try select.bind(bound, at: Int32(6 + offset)) }
        var groups: [ReportRows.SizeGroup] = []
        while try select.step() {
            groups.append(
                ReportRows.SizeGroup(
                    model: select.text(at: 0), tenant: select.text(at: 1), endpoint: select.text(at: 2),
                    promptBucket: Int(select.int64(at: 3)), completionBucket: Int(select.int64(at: 4)),
                    requests: select.int64(at: 5), promptTokens: select.int64(at: 6),
                    completionTokens: select.int64(at: 7), sampledRequests: select.int64(at: 8),
                    sampledEnergy: Energy(microjoules: select.int64(at: 9)), estimatedRequests: select.int64(at: 10),
                    estimateKilowattHoursMin: select.double(at: 11), estimateKilowattHoursMax: select.double(at: 12),
                    estimateCO2eKilogramsMin: select.double(at: 13), estimateCO2eKilogramsMax: select.double(at: 14),
                    estimateMethods: select.text(at: 15)))
        }
        return groups
    }
}
