import FrugalCore

extension StoreEngine {
    static let microjoulesPerKWh = 3.6e12

    /// Sums `usage_quarter` by model, tenant or host, each key's energy split
    /// by the intensity source its quarters met; quarters not priced by the
    /// feed (no intensity, or a stored fallback) one by one, for the reader to resolve.
    func usage(_ query: CostQuery, by grouping: UsageGrouping, histograms: Bool) throws -> [UsageSummary] {
        let column = "u.\(grouping.rawValue)"
        let select = try db.cached(
            """
            SELECT \(column), g.source, sum(u.requests), sum(u.prompt_tokens), sum(u.completion_tokens),
                   sum(u.dynamic_uj), sum(u.idle_uj), sum((u.dynamic_uj + u.idle_uj) * g.g_per_kwh),
                   sum(u.dynamic_uj * g.g_per_kwh),
                   CASE WHEN g.source IN ('live', 'consolidated') THEN NULL ELSE u.quarter_start_ns END AS quarter
            FROM usage_quarter u
            LEFT JOIN grid_intensity g ON g.zone = ?1 AND g.quarter_start_ns = u.quarter_start_ns
            WHERE u.quarter_start_ns >= ?2 AND u.quarter_start_ns < ?3
              AND (?4 IS NULL OR u.host = ?4) AND (?5 IS NULL OR u.model = ?5) AND (?6 IS NULL OR u.tenant = ?6)
            GROUP BY \(column), g.source, quarter ORDER BY \(column), g.source, quarter
            """)
        defer { select.reset() }
        try bind(query, to: select)
        var summaries: [UsageSummary] = []
        while try select.step() {
            let key = select.text(at: 0)
            let dynamic = Energy(microjoules: select.int64(at: 5))
            let share = IntensityShare(
                source: select.optionalText(at: 1),
                quarterStart: select.optionalInt64(at: 9).map(Timestamp.init(nanosecondsSinceEpoch:)),
                energy: dynamic + Energy(microjoules: select.int64(at: 6)),
                dynamic: dynamic, co2eGrams: select.double(at: 7) / Self.microjoulesPerKWh,
                dynamicCo2eGrams: select.double(at: 8) / Self.microjoulesPerKWh)
            if summaries.last?.key != key {
                summaries.append(
                    UsageSummary(
                        key: key, requests: 0, promptTokens: 0, completionTokens: 0, dynamic: .zero, idle: .zero,
                        intensity: [], costHistograms: []))
            }
            summaries[summaries.count - 1].requests += select.int64(at: 2)
            summaries[summaries.count - 1].promptTokens += select.int64(at: 3)
            summaries[summaries.count - 1].completionTokens += select.int64(at: 4)
            summaries[summaries.count - 1].dynamic += dynamic
            summaries[summaries.count - 1].idle += Energy(microjoules: select.int64(at: 6))
            summaries[summaries.count - 1].intensity.append(share)
        }
        if histograms {
            let blobs = try costHistograms(query, by: grouping)
            for index in summaries.indices { summaries[index].costHistograms = blobs[summaries[index].key] ?? [] }
        }
        return summaries
    }

    private func costHistograms(_ query: CostQuery, by grouping: UsageGrouping) throws -> [String: [[UInt8]]] {
        let select = try db.cached(
            """
            SELECT \(grouping.rawValue), cost_histogram FROM usage_quarter u
            WHERE u.quarter_start_ns >= ?2 AND u.quarter_start_ns < ?3 AND ?1 = ?1
              AND (?4 IS NULL OR u.host = ?4) AND (?5 IS NULL OR u.model = ?5) AND (?6 IS NULL OR u.tenant = ?6)
              AND length(cost_histogram) > 0
            """)
        defer { select.reset() }
        try bind(query, to: select)
        var blobs: [String: [[UInt8]]] = [:]
        while try select.step() { blobs[select.text(at: 0), default: []].append(select.blob(at: 1)) }
        return blobs
    }

    /// Binds a query's zone, window and filters to ?1…?6.
    func bind(_ query: CostQuery, to statement: Statement) throws {
        try statement.bind(query.zone, at: 1)
        try statement.bind(query.from.nanosecondsSinceEpoch, at: 2)
        try statement.bind(query.to.nanosecondsSinceEpoch, at: 3)
        try statement.bind(query.host, at: 4)
        try statement.bind(query.model, at: 5)
        try statement.bind(query.tenant, at: 6)
    }

    /// Every model with usage or fitted coefficients.
    func knownModels() throws -> Set<String> {
        let select = try db.cached(
            "SELECT DISTINCT model FROM usage_quarter UNION SELECT model FROM model_coefficients")
        defer { select.reset() }
        var models: Set<String> = []
        while try select.step() { models.insert(select.text(at: 0)) }
        return models
    }

    /// The fitted coefficients of `model` on every host (all models when nil).
    func coefficients(model: String?) throws -> [StoredModelCoefficients] {
        let select = try db.cached(
            """
            SELECT host, model, fitted_at_ns, prefill_uj_per_token, decode_uj_per_token, prefill_se_uj_per_token,
                   decode_se_uj_per_token, decode_batch_exponent, r_squared, intervals
            FROM model_coefficients WHERE ?1 IS NULL OR model = ?1 ORDER BY model, host
            """)
        defer { select.reset() }
        try select.bind(model, at: 1)
        var rows: [StoredModelCoefficients] = []
        while try select.step() {
            rows.append(
                StoredModelCoefficients(
                    host: select.text(at: 0), model: select.text(at: 1),
                    fittedAt: Timestamp(nanosecondsSinceEpoch: select.int64(at: 2)),
                    prefillMicrojoulesPerToken: select.int64(at: 3), decodeMicrojoulesPerToken: select.int64(at: 4),
                    prefillStandardErrorMicrojoules: select.optionalInt64(at: 5),
                    decodeStandardErrorMicrojoules: select.optionalInt64(at: 6),
                    decodeBatchExponent: select.double(at: 7),
                    rSquared: select.isNull(at: 8) ? nil : select.double(at: 8),
                    intervals: select.int64(at: 9)))
        }
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
        var hosts: [String: HostCost] = [:]
        let names = try db.cached(
            "SELECT name, first_seen_ns, last_seen_ns FROM hosts UNION ALL SELECT DISTINCT host, NULL, NULL FROM attribution_windows"
        )
        defer { names.reset() }
        while try names.step() {
            let name = names.text(at: 0)
            guard hosts[name] == nil || !names.isNull(at: 1) else { continue }
            hosts[name] = HostCost(
                name: name, firstSeen: names.optionalInt64(at: 1).map(Timestamp.init(nanosecondsSinceEpoch:)),
                lastSeen: names.optionalInt64(at: 2).map(Timestamp.init(nanosecondsSinceEpoch:)), books: [], windows: 0,
                latestWindowEnd: hosts[name]?.latestWindowEnd)
        }
        try addBooks(to: &hosts, from: from, to: to)
        return hosts.values.sorted { $0.name < $1.name }
    }

    private func addBooks(to hosts: inout [String: HostCost], from: Timestamp, to: Timestamp) throws {
        let books = try db.cached(
            """
            SELECT host, domain, kind, max(counted), sum(measured_uj), sum(idle_uj), sum(attributed_uj),
                   sum(unattributed_uj)
            FROM attribution_books WHERE window_start_ns >= ?1 AND window_start_ns < ?2
            GROUP BY host, domain ORDER BY host, domain
            """)
        defer { books.reset() }
        try books.bind(from.nanosecondsSinceEpoch, at: 1)
        try books.bind(to.nanosecondsSinceEpoch, at: 2)
        while try books.step() {
            let book = HostCost.DomainBook(
                domain: books.text(at: 1), kind: books.text(at: 2), counted: books.int64(at: 3) != 0,
                measured: Energy(microjoules: books.int64(at: 4)), idle: Energy(microjoules: books.int64(at: 5)),
                attributed: Energy(microjoules: books.int64(at: 6)),
                unattributed: Energy(microjoules: books.int64(at: 7)))
            hosts[books.text(at: 0), default: HostCost(name: books.text(at: 0), books: [], windows: 0)].books
                .append(book)
        }
        let windows = try db.cached(
            """
            SELECT host, count(*), max(window_end_ns) FROM attribution_windows
            WHERE window_start_ns >= ?1 AND window_start_ns < ?2 GROUP BY host
            """)
        defer { windows.reset() }
        try windows.bind(from.nanosecondsSinceEpoch, at: 1)
        try windows.bind(to.nanosecondsSinceEpoch, at: 2)
        while try windows.step() {
            let name = windows.text(at: 0)
            hosts[name]?.windows = windows.int64(at: 1)
            hosts[name]?.latestWindowEnd = Timestamp(nanosecondsSinceEpoch: windows.int64(at: 2))
        }
    }

    /// `PRAGMA data_version`: changes when another connection commits.
    func dataVersion() throws -> Int64 {
        let statement = try db.cached("PRAGMA data_version")
        defer { statement.reset() }
        _ = try statement.step()
        return statement.int64(at: 0)
    }
}

extension HostCost {
    init(name: String, books: [DomainBook], windows: Int64) {
        self.init(name: name, firstSeen: nil, lastSeen: nil, books: books, windows: windows, latestWindowEnd: nil)
    }
}
