import FrugalCore
import FrugalStore

/// A month of what attribution and carbon write for one host: 1 M requests
/// (4 models, 8 tenants), their energy per quarter hour, usage rollups,
/// books, intensity and minute rollups. Seeded, so every run is the same.
struct MonthSeeder {
    static let start: Int64 = 1_761_955_200_000_000_000  // 2025-11-01T00:00:00Z
    static let quarter: Int64 = 900_000_000_000
    static let quarters: Int64 = 30 * 96
    static let models = ["llama-3.1-8b", "mistral-small-24b", "llama-3.3-70b", "qwen2.5-coder-32b"]
    static let tenants = (1...8).map { "commune-\($0)" }
    static let host = "gpu-host-1"

    let path: String
    let requests: Int

    func seed() throws {
        let store = try SQLiteStore(path: path)
        try store.registerHost(name: Self.host, seenAt: Timestamp(nanosecondsSinceEpoch: Self.start))
        try store.register(
            domains: [
                Domain(
                    id: "nvml:GPU-0", kind: .gpu, name: "H100", source: "nvml", method: .energyCounter, location: "0"),
                Domain(
                    id: "nvml:GPU-1", kind: .gpu, name: "H100", source: "nvml", method: .energyCounter, location: "1"),
                Domain(
                    id: "rapl:intel-rapl:0", kind: .package, name: "package-0", source: "rapl", method: .energyCounter,
                    location: "class/powercap/intel-rapl:0"),
            ], seenAt: Timestamp(nanosecondsSinceEpoch: Self.start))
        try store.close()
        let db = try SQLiteDatabase(path: path, mode: .readWrite)
        try db.transaction {
            try seedRequests(db)
            try seedQuarters(db)
            try db.execute(
                """
                INSERT INTO rollup_minute SELECT \(Self.start) + m.value * 60000000000, d.domain_key, 18000000000, 60,
                    60000000000, 0 FROM domains d, generate_minutes m;
                """.replacingOccurrences(
                    of: "generate_minutes m",
                    with:
                        "(WITH RECURSIVE c(value) AS (SELECT 0 UNION ALL SELECT value + 1 FROM c WHERE value < \(Self.quarters * 15 - 1)) SELECT value FROM c) m"
                ))
        }
        try db.execute("ANALYZE")
        db.close()
    }

    private func seedRequests(_ db: SQLiteDatabase) throws {
        var random = SplitMix64(seed: 2026)
        let insert = try db.prepare(
            """
            INSERT INTO requests (request_key, host, id, tenant, model, start_ns, first_token_ns, end_ns, prompt_tokens,
                                  completion_tokens, status, streaming, format, id_hash)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, 'litellm', frugal_id_hash(?3))
            """)
        let energy = try db.prepare("INSERT INTO request_energy VALUES (?1, ?2, ?3, ?4, ?5, 'tokens', ?6)")
        let span = Self.quarters * Self.quarter
        let step = span / Int64(requests)
        for index in 0..<requests {
            let key = Int64(index + 1)
            let start = Self.start + Int64(index) * step + Int64(random.next() % UInt64(step))
            let end = start + 2_000_000_000 + Int64(random.next() % 8_000_000_000)
            let prompt = Int64(200 + random.next() % 1_800)
            let completion = Int64(50 + random.next() % 450)
            insert.reset()
            try insert.bind(key, at: 1)
            try insert.bind(Self.host, at: 2)
            try insert.bind("chatcmpl-\(key)", at: 3)
            try insert.bind(Self.tenants[Int(random.next() % 8)], at: 4)
            try insert.bind(Self.models[Int(random.next() % 4)], at: 5)
            try insert.bind(start, at: 6)
            try insert.bind(start + 300_000_000, at: 7)
            try insert.bind(end, at: 8)
            try insert.bind(prompt, at: 9)
            try insert.bind(completion, at: 10)
            try insert.bind(random.next() % 50 == 0 ? Int64(500) : 200, at: 11)
            try insert.run()
            let dynamic = (prompt * 2_000 + completion * 8_000) * 10
            energy.reset()
            try energy.bind(Self.host, at: 1)
            try energy.bind(start - (start - Self.start) % Self.quarter, at: 2)
            try energy.bind(key, at: 3)
            try energy.bind(dynamic, at: 4)
            try energy.bind(dynamic / 3, at: 5)
            try energy.bind(
                "{\"nvml:GPU-0\":[\(dynamic * 9 / 10),\(dynamic / 3)],\"rapl:intel-rapl:0\":[\(dynamic / 10),0]}", at: 6
            )
            try energy.run()
        }
    }

    /// usage_quarter, windows and books summed from request_energy; intensity per quarter.
    private func seedQuarters(_ db: SQLiteDatabase) throws {
        try db.execute(
            """
            INSERT INTO usage_quarter
            SELECT e.host, e.window_start_ns, r.model, r.tenant, count(*), sum(r.prompt_tokens), sum(r.completion_tokens),
                   sum(e.dynamic_uj), sum(e.idle_uj), x''
            FROM request_energy e JOIN requests r ON r.request_key = e.request_key
            GROUP BY e.host, e.window_start_ns, r.model, r.tenant;
            INSERT INTO attribution_windows
            SELECT host, quarter_start_ns, quarter_start_ns + \(Self.quarter), quarter_start_ns + \(Self.quarter) + 120000000000,
                   sum(requests), 0, 'configured', \(Self.quarter)
            FROM usage_quarter GROUP BY host, quarter_start_ns;
            INSERT INTO attribution_books
            SELECT host, quarter_start_ns, 'nvml:GPU-0', 'gpu', 1, sum(dynamic_uj + idle_uj) + 1000000000, sum(idle_uj),
                   sum(dynamic_uj), 1000000000, sum(idle_uj), 60000000, 'configured'
            FROM usage_quarter GROUP BY host, quarter_start_ns;
            INSERT INTO grid_intensity
            SELECT 'FR', window_start_ns, 20 + (window_start_ns / \(Self.quarter)) % 40, 'consolidated', 0
            FROM attribution_windows;
            INSERT INTO model_coefficients VALUES ('\(Self.host)', 'llama-3.1-8b', \(Self.start), 20000, 80000, 500, 2000, 0.8, 0.93, 2880);
            """)
    }
}
