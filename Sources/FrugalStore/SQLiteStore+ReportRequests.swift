import FrugalCore

extension SQLiteStore {
    /// Requests that ended in every `quarterStride`-th quarter of the period,
    /// grouped by model, tenant, endpoint and size bucket
    /// (`ReportRows.SizeBuckets`), with their measured energy (their windows
    /// in `request_energy`), the gateway's own estimates and Frugal's stored
    /// estimate (`estimated_uj`) summed. A stride
    /// above 1 samples the month (every n-th quarter cycles through hours and
    /// weekdays) so a million requests cost a fraction of a second; the caller
    /// scales counts by the month's requests over the sampled ones.
    public func reportSizeGroups(from: Timestamp, to: Timestamp, tenant: String? = nil, quarterStride: Int = 1)
        throws -> [ReportRows.SizeGroup]
    {
        precondition(quarterStride >= 1, "stride must be at least 1")
        let quarter = Duration.seconds(900)
        return try locked { engine in
            var groups: [ReportRows.SizeGroup] = []
            for host in try reportHosts(engine) {
                var start = from
                while start < to {
                    groups += try sizeGroups(
                        engine, host: host, from: start, to: min(to, start + quarter), tenant: tenant)
                    start = start + quarter * quarterStride
                }
            }
            return groups
        }
    }

    private static let sizeGroupSQL = """
        SELECT model, tenant, ep, pb, cb, COUNT(*), SUM(p), SUM(c), COUNT(e), COALESCE(SUM(e), 0),
               COUNT(m), COALESCE(SUM(kmin), 0), COALESCE(SUM(kmax), 0), COALESCE(SUM(gmin), 0),
               COALESCE(SUM(gmax), 0), COALESCE(GROUP_CONCAT(DISTINCT m), ''), COUNT(x), COALESCE(SUM(x), 0)
        FROM (
            SELECT model, tenant, COALESCE(endpoint, '') AS ep,
                   CASE WHEN COALESCE(prompt_tokens, 0) < ?5 THEN 0 WHEN prompt_tokens < ?6 THEN 1
                        WHEN prompt_tokens < ?7 THEN 2 ELSE 3 END AS pb,
                   CASE WHEN COALESCE(completion_tokens, 0) < ?8 THEN 0 WHEN completion_tokens < ?9 THEN 1
                        ELSE 2 END AS cb,
                   COALESCE(prompt_tokens, 0) AS p, COALESCE(completion_tokens, 0) AS c,
                   (SELECT SUM(dynamic_uj + idle_uj) FROM request_energy e WHERE e.request_key = r.request_key) AS e,
                   estimate_method AS m, kwh_min AS kmin, kwh_max AS kmax, kgco2eq_min AS gmin, kgco2eq_max AS gmax,
                   estimated_uj AS x
            FROM requests r
            WHERE host = ?4 AND end_ns >= ?1 AND end_ns < ?2 AND (?3 IS NULL OR tenant = ?3)
        )
        GROUP BY model, tenant, ep, pb, cb
        """

    private func sizeGroups(
        _ engine: StoreEngine, host: String, from: Timestamp, to: Timestamp, tenant: String?
    ) throws -> [ReportRows.SizeGroup] {
        let select = try engine.db.cached(Self.sizeGroupSQL)
        defer { select.reset() }
        try bindPeriod(select, from, to, tenant)
        try select.bind(host, at: 4)
        let bounds = ReportRows.SizeBuckets.promptUpperBounds + ReportRows.SizeBuckets.completionUpperBounds
        precondition(bounds.count == 5, "the SQL has three prompt and two completion bounds")
        for (offset, bound) in bounds.enumerated() { try select.bind(bound, at: Int32(5 + offset)) }
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
                    estimateMethods: select.text(at: 15), frugalEstimatedRequests: select.int64(at: 16),
                    frugalEstimate: Energy(microjoules: select.int64(at: 17))))
        }
        return groups
    }
}
