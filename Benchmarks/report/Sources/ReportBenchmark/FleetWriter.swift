import FrugalCore
import FrugalReport
import FrugalStore

/// Writes a `FleetMonth` into a store file with prepared statements, one transaction.
struct FleetWriter {
    let fleet: FleetMonth
    let db: SQLiteDatabase
    var random: SplitMix64
    var requestKey: Int64 = 0

    init(fleet: FleetMonth, path: String) throws {
        self.fleet = fleet
        try SQLiteStore(path: path).close()
        db = try SQLiteDatabase(path: path, mode: .readWrite)
        random = SplitMix64(seed: fleet.seed)
    }

    mutating func write() throws {
        let quarters = fleet.quarters
        let loads = quarters.map(fleet.load)
        let perLoad = Double(fleet.requests) / loads.reduce(0, +)
        try db.transaction {
            for (index, quarter) in quarters.enumerated() {
                try writeIntensity(quarter)
                for host in 0..<fleet.hosts {
                    let count = Int((loads[index] * perLoad / Double(fleet.hosts)).rounded())
                    try writeQuarter(quarter, host: "gpu-node-\(host + 1)", requests: count)
                }
            }
        }
        db.close()
    }

    private mutating func writeIntensity(_ quarter: Timestamp) throws {
        let insert = try db.cached("INSERT INTO grid_intensity VALUES ('FR', ?1, ?2, 'eco2mix-consolidated', 0)")
        try insert.bind(quarter.nanosecondsSinceEpoch, at: 1)
        try insert.bind(fleet.intensity(quarter, &random), at: 2)
        try insert.run()
    }

    /// One host's quarter: its requests, their energies, the usage rollup and the books.
    private mutating func writeQuarter(_ quarter: Timestamp, host: String, requests: Int) throws {
        var gpuDynamic = [Double](repeating: 0, count: 4)
        var usage: [String: (n: Int64, p: Int64, c: Int64, dynamic: Double, model: Int)] = [:]
        for _ in 0..<requests {
            let model = pick(FleetMonth.models.map(\.share))
            let tenant = FleetMonth.tenants[pick(FleetMonth.tenants.map(\.1))].0
            let endpoint = FleetMonth.endpoints[pick(FleetMonth.endpoints.map(\.1))].0
            let prompt = Int64(Double.random(in: 50...3_000, using: &random) * (endpoint == "/v1/batch" ? 3 : 1))
            let completion = Int64(Double.random(in: 20...(endpoint == "/v1/batch" ? 1_200 : 600), using: &random))
            let spec = FleetMonth.models[model]
            let dynamic = spec.prefillMicrojoules * Double(prompt) + spec.decodeMicrojoules * Double(completion)
            gpuDynamic[spec.gpus[Int(random.next() % UInt64(spec.gpus.count))]] += dynamic
            let key = "\(model)|\(tenant)"
            var entry = usage[key] ?? (0, 0, 0, 0, model)
            entry.n += 1
            entry.p += prompt
            entry.c += completion
            entry.dynamic += dynamic
            usage[key] = entry
            try writeRequest(
                quarter, host: host, model: spec.name, tenant: tenant, endpoint: endpoint,
                prompt: prompt, completion: completion, dynamic: dynamic)
        }
        try writeBooksAndUsage(quarter, host: host, gpuDynamic: gpuDynamic, usage: usage)
    }

    private mutating func writeRequest(
        _ quarter: Timestamp, host: String, model: String, tenant: String, endpoint: String, prompt: Int64,
        completion: Int64, dynamic: Double
    ) throws {
        requestKey += 1
        let end = quarter.nanosecondsSinceEpoch + Int64(random.next() % 899_000_000_000) + 1_000_000_000
        let insert = try db.cached(
            """
            INSERT INTO requests VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, ?9, 200, 1, 'litellm', ?10,
                                         ?11, ?12, ?13, ?14, ?15, NULL, NULL, frugal_id_hash(?3))
            """)
        try insert.bind(requestKey, at: 1)
        try insert.bind(host, at: 2)
        try insert.bind("req-\(requestKey)", at: 3)
        try insert.bind(tenant, at: 4)
        try insert.bind(model, at: 5)
        try insert.bind(end - 2_000_000_000, at: 6)
        try insert.bind(end, at: 7)
        try insert.bind(prompt, at: 8)
        try insert.bind(completion, at: 9)
        try insert.bind(endpoint, at: 10)
        // A third of the requests carry the gateway's own estimate (Albert-like).
        if requestKey % 3 == 0 {
            let kWh = dynamic / 3.6e12
            try insert.bind(kWh * 0.6, at: 11)
            try insert.bind(kWh * 2.2, at: 12)
            try insert.bind(kWh * 0.6 * 0.06, at: 13)
            try insert.bind(kWh * 2.2 * 0.06, at: 14)
            try insert.bind("albert-ecologits", at: 15)
        } else {
            for index in Int32(11)...15 { try insert.bindNull(at: index) }
        }
        try insert.run()
        let energy = try db.cached("INSERT INTO request_energy VALUES (?1, ?2, ?3, ?4, ?5, 'tokens', '{}')")
        try energy.bind(host, at: 1)
        try energy.bind(quarter.nanosecondsSinceEpoch, at: 2)
        try energy.bind(requestKey, at: 3)
        try energy.bind(Int64(dynamic), at: 4)
        try energy.bind(Int64(dynamic * 0.35), at: 5)
        try energy.run()
    }

    private mutating func pick(_ weights: [Double]) -> Int {
        var x = Double.random(in: 0..<weights.reduce(0, +), using: &random)
        for (index, weight) in weights.enumerated() {
            if x < weight { return index }
            x -= weight
        }
        return weights.count - 1
    }
}
