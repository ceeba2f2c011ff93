import FrugalCore

extension StoreEngine {
    /// Runs `sql` (cached) with `parameters` bound to ?1…, calling `row` on each result row.
    func each(_ sql: String, _ parameters: [SQLValue] = [], _ row: (Statement) throws -> Void) throws {
        let select = try db.cached(sql)
        defer { select.reset() }
        try SQLValue.bind(parameters, to: select)
        while try select.step() { try row(select) }
    }

    /// Sums `usage_quarter` by model, tenant or host, each key's energy split
    /// by the intensity source its quarters met; quarters not priced by the
    /// feed (no intensity, or a stored fallback) one by one, for the reader to resolve.
    func usage(_ query: CostQuery, by grouping: UsageGrouping, histograms: Bool) throws -> [UsageSummary] {
        var fold = CostSQL.UsageFold()
        let parameters = CostSQL.costParameters(query)
        try each(CostSQL.usage(by: grouping, .sqlite), parameters) { fold.add($0) }
        if histograms {
            var blobs: [String: [[UInt8]]] = [:]
            try each(CostSQL.costHistograms(by: grouping, .sqlite), parameters) {
                blobs[$0.text(at: 0), default: []].append($0.blob(at: 1))
            }
            fold.attach(blobs)
        }
        return fold.summaries
    }

    /// Every model with usage or fitted coefficients.
    func knownModels() throws -> Set<String> {
        var models: Set<String> = []
        try each(CostSQL.knownModels) { models.insert($0.text(at: 0)) }
        return models
    }

    /// The fitted coefficients of `model` on every host (all models when nil).
    func coefficients(model: String?) throws -> [StoredModelCoefficients] {
        var rows: [StoredModelCoefficients] = []
        try each(CostSQL.coefficients(.sqlite), [.text(model)]) { rows.append(CostSQL.coefficients($0)) }
        return rows
    }

    /// The grid intensity of `zone` for quarters starting in `[from, to)`, oldest first.
    func intensities(zone: String, from: Timestamp, to: Timestamp, limit: Int) throws -> [StoredIntensity] {
        let select = try db.cached(
            """
            SELECT quarter_start_ns, g_per_kwh, source FROM grid_intensity
            WHERE zone = ?1 AND quarter_start_ns >= ?2 AND quarter_start_ns < ?3 ORDER BY quarter_start_ns LIMIT ?4
            """)
        defer { select.reset() }
        try select.bind(zone, at: 1)
        try select.bind(from.nanosecondsSinceEpoch, at: 2)
        try select.bind(to.nanosecondsSinceEpoch, at: 3)
        try select.bind(Int64(limit), at: 4)
        var rows: [StoredIntensity] = []
        while try select.step() {
            rows.append(
                StoredIntensity(
                    quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                    gramsPerKWh: select.double(at: 1), source: select.text(at: 2)))
        }
        return rows
    }

    /// Every host named in `hosts` or in the attribution windows, with its books over the window.
    func hostCosts(from: Timestamp, to: Timestamp) throws -> [HostCost] {
        var fold = CostSQL.HostFold()
        let window: [SQLValue] = [.integer(from.nanosecondsSinceEpoch), .integer(to.nanosecondsSinceEpoch)]
        try each(CostSQL.hostNames) { fold.addName($0) }
        try each(CostSQL.hostBooks(.sqlite), window) { fold.addBook($0) }
        try each(CostSQL.hostWindows(.sqlite), window) { fold.addWindows($0) }
        return fold.result
    }

    /// `PRAGMA data_version`: changes when another connection commits.
    func dataVersion() throws -> Int64 {
        let statement = try db.cached("PRAGMA data_version")
        defer { statement.reset() }
        _ = try statement.step()
        return statement.int64(at: 0)
    }
}
