import FrugalCore

extension ReportQueries {
    /// Requests that ended in `[?1, ?2)` grouped by model, tenant, endpoint
    /// and size bucket, with their measured energy (`request_energy`) and the
    /// gateway's own estimates and Frugal's stored estimate (`estimated_uj`)
    /// summed. `?3` tenant or NULL, `?4` host, `?5`…`?9`
    /// the bucket bounds (`ReportRows.SizeBuckets`: three prompt, two completion).
    static let sizeGroups = ReportQuery(
        """
        SELECT model, tenant, ep, pb, cb, COUNT(*), CAST(SUM(p) AS BIGINT), CAST(SUM(c) AS BIGINT), COUNT(e),
               CAST(COALESCE(SUM(e), 0) AS BIGINT), COUNT(m), COALESCE(SUM(kmin), 0), COALESCE(SUM(kmax), 0),
               COALESCE(SUM(gmin), 0), COALESCE(SUM(gmax), 0), COALESCE(GROUP_CONCAT(DISTINCT m), ''), COUNT(x),
               CAST(COALESCE(SUM(x), 0) AS BIGINT)
        FROM (
            SELECT model, tenant, COALESCE(endpoint, '') AS ep,
                   CASE WHEN COALESCE(prompt_tokens, 0) < ?5 THEN 0 WHEN prompt_tokens < ?6 THEN 1
                        WHEN prompt_tokens < ?7 THEN 2 ELSE 3 END AS pb,
                   CASE WHEN COALESCE(completion_tokens, 0) < ?8 THEN 0 WHEN completion_tokens < ?9 THEN 1
                        ELSE 2 END AS cb,
                   COALESCE(prompt_tokens, 0) AS p, COALESCE(completion_tokens, 0) AS c,
                   (SELECT CAST(SUM(dynamic_uj + idle_uj) AS BIGINT) FROM request_energy e
                    WHERE e.host = r.host AND e.request_key = r.request_key) AS e,
                   estimate_method AS m, kwh_min AS kmin, kwh_max AS kmax, kgco2eq_min AS gmin, kgco2eq_max AS gmax,
                   estimated_uj AS x
            FROM requests r
            WHERE host = ?4 AND end_ns >= ?1 AND end_ns < ?2 AND (CAST(?3 AS TEXT) IS NULL OR tenant = ?3)
        ) AS sized
        GROUP BY model, tenant, ep, pb, cb
        """
    ) { row in
        ReportRows.SizeGroup(
            model: try row.text(0), tenant: try row.text(1), endpoint: try row.text(2),
            promptBucket: Int(try row.int64(3)), completionBucket: Int(try row.int64(4)), requests: try row.int64(5),
            promptTokens: try row.int64(6), completionTokens: try row.int64(7), sampledRequests: try row.int64(8),
            sampledEnergy: try row.energy(9), estimatedRequests: try row.int64(10),
            estimateKilowattHoursMin: try row.double(11), estimateKilowattHoursMax: try row.double(12),
            estimateCO2eKilogramsMin: try row.double(13), estimateCO2eKilogramsMax: try row.double(14),
            estimateMethods: try row.text(15), frugalEstimatedRequests: try row.int64(16),
            frugalEstimate: try row.energy(17))
    }

    /// `?5`…`?9` of `sizeGroups`.
    static var sizeBounds: [ReportValue] {
        let bounds = ReportRows.SizeBuckets.promptUpperBounds + ReportRows.SizeBuckets.completionUpperBounds
        precondition(bounds.count == 5, "the SQL has three prompt and two completion bounds")
        return bounds.map { .integer($0) }
    }
}
