import FrugalCore

extension StoreEngine {
    func quarterEnergyWithIntensity(zone: String, host: String?, from: Timestamp, to: Timestamp) throws
        -> [QuarterEnergyIntensity]
    {
        var rows: [QuarterEnergyIntensity] = []
        let parameters: [SQLValue] = [
            .text(zone), .integer(from.nanosecondsSinceEpoch), .integer(to.nanosecondsSinceEpoch), .text(host),
        ]
        try each(CostSQL.quarterEnergy(.sqlite), parameters) { rows.append(CostSQL.quarterEnergy($0)) }
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
