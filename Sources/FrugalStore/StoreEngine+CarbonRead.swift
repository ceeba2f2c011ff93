import FrugalCore

extension StoreEngine {
    func quarterEnergyWithIntensity(zone: String, host: String?, from: Timestamp, to: Timestamp) throws
        -> [QuarterEnergyIntensity]
    {
        let select = try db.cached(
            """
            SELECT u.host, u.quarter_start_ns, u.model, u.tenant, u.requests, u.prompt_tokens, u.completion_tokens,
                   u.dynamic_uj, u.idle_uj, g.g_per_kwh, g.source
            FROM usage_quarter u
            LEFT JOIN grid_intensity g ON g.zone = ?1 AND g.quarter_start_ns = u.quarter_start_ns
            WHERE u.quarter_start_ns >= ?2 AND u.quarter_start_ns < ?3 AND (?4 IS NULL OR u.host = ?4)
            ORDER BY u.quarter_start_ns, u.host, u.model, u.tenant
            """)
        try select.bind(zone, at: 1)
        try select.bind(from.nanosecondsSinceEpoch, at: 2)
        try select.bind(to.nanosecondsSinceEpoch, at: 3)
        try select.bind(host, at: 4)
        var rows: [QuarterEnergyIntensity] = []
        while try select.step() {
            let source = select.optionalText(at: 10).flatMap(GridIntensitySource.init(rawValue:))
            rows.append(
                QuarterEnergyIntensity(
                    host: select.text(at: 0), quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 1)),
                    model: select.text(at: 2), tenant: select.text(at: 3), requests: select.int64(at: 4),
                    promptTokens: select.int64(at: 5), completionTokens: select.int64(at: 6),
                    dynamic: Energy(microjoules: select.int64(at: 7)), idle: Energy(microjoules: select.int64(at: 8)),
                    gramsPerKilowattHour: source == nil ? nil : select.double(at: 9), source: source))
        }
        return rows
    }

    func requestEnergyWithIntensity(zone: String, requestKey: Int64) throws -> [RequestQuarterEnergy] {
        let select = try db.cached(
            """
            SELECT e.window_start_ns, e.dynamic_uj, e.idle_uj, g.g_per_kwh, g.source
            FROM request_energy e
            LEFT JOIN grid_intensity g ON g.zone = ?1 AND g.quarter_start_ns = e.window_start_ns
            WHERE e.request_key = ?2 ORDER BY e.window_start_ns
            """)
        try select.bind(zone, at: 1)
        try select.bind(requestKey, at: 2)
        var rows: [RequestQuarterEnergy] = []
        while try select.step() {
            let source = select.optionalText(at: 4).flatMap(GridIntensitySource.init(rawValue:))
            rows.append(
                RequestQuarterEnergy(
                    requestKey: requestKey, quarterStart: Timestamp(nanosecondsSinceEpoch: select.int64(at: 0)),
                    dynamic: Energy(microjoules: select.int64(at: 1)), idle: Energy(microjoules: select.int64(at: 2)),
                    gramsPerKilowattHour: source == nil ? nil : select.double(at: 3), source: source))
        }
        return rows
    }
}
