import Foundation
import FrugalCore
import FrugalRuntime
import FrugalStore

/// A store seeded by SQL with what attribution and carbon would have written:
/// one host, two domains, three quarter-hour windows, five requests, two
/// models, two tenants, grid intensity for two of the three quarters.
struct SeededStore {
    /// 2025-11-23T12:00:00Z, a quarter boundary.
    static let t0: Int64 = 1_763_899_200_000_000_000
    static let quarter: Int64 = 900_000_000_000
    static let host = "gpu-host-1"

    let directory: URL
    var path: String { directory.appendingPathComponent("frugal.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: path)
        try store.registerHost(name: Self.host, seenAt: Timestamp(nanosecondsSinceEpoch: Self.t0))
        try store.register(
            domains: [
                Domain(
                    id: "nvml:GPU-0", kind: .gpu, name: "H100", source: "nvml", method: .energyCounter,
                    location: "GPU-0"),
                Domain(
                    id: "rapl:intel-rapl:0", kind: .package, name: "package-0", source: "rapl", method: .energyCounter,
                    location: "class/powercap/intel-rapl:0"),
            ], seenAt: Timestamp(nanosecondsSinceEpoch: Self.t0))
        try store.close()
        try execute(Self.seed)
    }

    func execute(_ sql: String) throws {
        let db = try SQLiteDatabase(path: path, mode: .readWrite)
        try db.execute(sql)
        db.close()
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    static func q(_ n: Int64) -> Int64 { t0 + n * quarter }
    static func s(_ seconds: Int64) -> Int64 { t0 + seconds * 1_000_000_000 }

    static var seed: String {
        let h = "'\(host)'"
        return """
            INSERT INTO rollup_minute SELECT \(t0) + m.n * 60000000000, d.domain_key,
                CASE d.kind WHEN 'gpu' THEN 18000000000 ELSE 3000000000 END, 60, 60000000000, 0
                FROM domains d, (SELECT 0 AS n UNION SELECT 1 UNION SELECT 2) m;
            INSERT INTO grid_intensity VALUES ('FR', \(q(0)), 40.0, 'live', \(q(1))),
                                              ('FR', \(q(1)), 60.0, 'consolidated', \(q(2)));
            INSERT INTO usage_quarter VALUES
                (\(h), \(q(0)), 'llama-3.1-8b', 'commune-a', 2, 300, 500, 3000000000, 1000000000, x''),
                (\(h), \(q(0)), 'llama-3.1-8b', 'commune-b', 1, 100, 100, 1000000000, 500000000, x''),
                (\(h), \(q(1)), 'mistral-small', 'commune-a', 1, 50, 200, 2000000000, 0, x''),
                (\(h), \(q(2)), 'llama-3.1-8b', 'commune-a', 1, 0, 0, 100000000, 0, x'');
            INSERT INTO requests (request_key, host, id, tenant, model, start_ns, first_token_ns, end_ns, prompt_tokens,
                                  completion_tokens, status, streaming, format)
            VALUES (1, \(h), 'req-1', 'commune-a', 'llama-3.1-8b', \(s(10)), \(s(11)), \(s(20)), 150, 250, 200, 1, 'litellm'),
                   (2, \(h), 'req-2', 'commune-a', 'llama-3.1-8b', \(s(20)), \(s(21)), \(s(30)), 150, 250, 200, 1, 'litellm'),
                   (3, \(h), 'req-3', 'commune-b', 'llama-3.1-8b', \(s(30)), NULL, \(s(40)), 100, 100, 500, 0, 'litellm'),
                   (4, \(h), 'req-4', 'commune-a', 'mistral-small', \(s(960)), \(s(961)), \(s(970)), 50, 200, 200, 1, 'litellm'),
                   (5, \(h), 'req-5', 'commune-a', 'llama-3.1-8b', \(s(1860)), NULL, \(s(1870)), NULL, NULL, 200, NULL, 'litellm');
            UPDATE requests SET id_hash = frugal_id_hash(id);
            INSERT INTO request_energy VALUES
                (\(h), \(q(0)), 1, 1500000000, 500000000, 'tokens', '{"nvml:GPU-0":[1400000000,500000000],"rapl:intel-rapl:0":[100000000,0]}'),
                (\(h), \(q(0)), 2, 1500000000, 500000000, 'tokens', '{"nvml:GPU-0":[1400000000,500000000],"rapl:intel-rapl:0":[100000000,0]}'),
                (\(h), \(q(0)), 3, 1000000000, 500000000, 'tokens', '{"nvml:GPU-0":[1000000000,500000000]}'),
                (\(h), \(q(1)), 4, 2000000000, 0, 'tokens', '{"nvml:GPU-0":[2000000000,0]}'),
                (\(h), \(q(2)), 5, 100000000, 0, 'request_time', '{"rapl:intel-rapl:0":[100000000,0]}');
            INSERT INTO attribution_windows VALUES
                (\(h), \(q(0)), \(q(1)), \(q(1) + 60_000_000_000), 3, 0, 'configured', \(quarter)),
                (\(h), \(q(1)), \(q(2)), \(q(2) + 60_000_000_000), 1, 0, 'configured', \(quarter)),
                (\(h), \(q(2)), \(q(3)), \(q(3) + 60_000_000_000), 1, 0, 'configured', \(quarter));
            INSERT INTO attribution_books VALUES
                (\(h), \(q(0)), 'nvml:GPU-0', 'gpu', 1, 7000000000, 1500000000, 3800000000, 1700000000, 1500000000, 100000000, 'configured'),
                (\(h), \(q(0)), 'rapl:intel-rapl:0', 'package', 1, 900000000, 0, 200000000, 700000000, 0, 0, 'estimated'),
                (\(h), \(q(1)), 'nvml:GPU-0', 'gpu', 1, 3000000000, 500000000, 2000000000, 500000000, 0, 100000000, 'configured'),
                (\(h), \(q(2)), 'rapl:intel-rapl:0', 'package', 1, 500000000, 0, 100000000, 400000000, 0, 0, 'estimated');
            INSERT INTO model_coefficients VALUES
                (\(h), 'llama-3.1-8b', \(q(3)), 2000, 8000, 100, 400, 0.8, 0.9, 100);
            INSERT INTO ingest_counters VALUES
                ('/var/log/litellm.log', 'litellm', 'lines', 10), ('/var/log/litellm.log', 'litellm', 'records', 8),
                ('/var/log/litellm.log', 'litellm', 'duplicates', 1),
                ('/var/log/litellm.log', 'litellm', 'rejected.truncated', 1);
            """
    }
}
