import Foundation
import FrugalCore
import FrugalStore

@testable import FrugalReport

/// A store seeded by SQL with a small month whose figures are computed by
/// hand in the tests (October 2026, which ends summer time: 745 hours).
///
/// Quarters: A = 1 Oct 00:00 Paris (30 Sep 22:00 UTC), B = 5 Oct 12:00 Paris,
/// C = 31 Oct 23:45 Paris (22:45 UTC), D = 1 Nov 00:00 Paris (excluded),
/// E = 30 Sep 23:45 Paris (September).
final class SeededStore {
    static let gigajoule: Int64 = 1_000_000_000_000_000
    /// 1 kWh in µJ.
    static let kWh: Int64 = 3_600_000_000_000

    static let quarterA = utc(2026, 9, 30, 22, 0)
    static let quarterB = utc(2026, 10, 5, 10, 0)
    static let quarterC = utc(2026, 10, 31, 22, 45)
    static let quarterD = utc(2026, 10, 31, 23, 0)
    static let quarterE = utc(2026, 9, 30, 21, 45)

    let path: String
    let store: SQLiteStore
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-report-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("frugal.db").path
        let writer = try SQLiteStore(path: path)
        try writer.close()
        let db = try SQLiteDatabase(path: path, mode: .readWrite)
        try db.execute(Self.seedSQL)
        db.close()
        store = try SQLiteStore(path: path, options: .init(readOnly: true))
    }

    /// Each test seeds its own store; none outlives the test.
    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Hundredths of a kWh, in µJ.
    static func centi(_ hundredths: Int64) -> Int64 { hundredths * kWh / 100 }

    static func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Int64 {
        (CivilDate(year: Int64(y), month: Int64(m), day: Int64(d)).daysSinceEpoch * 86_400 + Int64(h * 3_600 + min * 60))
            * 1_000_000_000
    }

    static var seedSQL: String {
        let (a, b, c, d, e) = (quarterA, quarterB, quarterC, quarterD, quarterE)
        func usage(
            _ q: Int64, _ model: String, _ tenant: String, _ n: Int, _ p: Int, _ k: Int, _ dyn: Int64, _ idle: Int64
        )
            -> String
        {
            "INSERT INTO usage_quarter VALUES ('h1', \(q), '\(model)', '\(tenant)', \(n), \(p), \(k), \(centi(dyn)), \(centi(idle)), x'');"
        }
        func book(
            _ q: Int64, _ domain: String, _ kind: String, _ counted: Int, _ idle: Int64, _ attr: Int64, _ un: Int64,
            _ alloc: Int64
        )
            -> String
        {
            let measured = centi(idle + attr + un)
            return
                "INSERT INTO attribution_books VALUES ('h1', \(q), '\(domain)', '\(kind)', \(counted), \(measured), \(centi(idle)), \(centi(attr)), \(centi(un)), \(centi(alloc)), 300000000, 'configured');"
        }
        var sql = [
            usage(a, "modelA", "tenantX", 10, 1_000, 500, 100, 20),
            usage(b, "modelA", "tenantY", 20, 4_000, 2_000, 200, 40),
            usage(b, "modelB", "tenantX", 5, 500, 500, 50, 10),
            usage(c, "modelB", "tenantY", 5, 500, 500, 50, 10),
            usage(d, "modelA", "tenantX", 100, 1, 1, 1_000, 0),
            usage(e, "modelA", "tenantX", 8, 1, 1, 100, 20),
            book(a, "nvml:gpu0", "gpu", 1, 30, 100, 20, 20),
            book(b, "nvml:gpu0", "gpu", 1, 50, 250, 0, 50),
            book(c, "nvml:gpu0", "gpu", 1, 20, 50, 10, 10),
            book(e, "nvml:gpu0", "gpu", 1, 20, 100, 20, 20),
            book(a, "rapl:core", "core", 0, 100, 700, 100, 0),
            "INSERT INTO grid_intensity VALUES ('FR', \(b), 50.0, 'eco2mix-realtime', 0);",
            "INSERT INTO grid_intensity VALUES ('FR', \(c), 20.0, 'eco2mix-consolidated', 0);",
            "INSERT INTO grid_intensity VALUES ('FR', \(e), 40.0, 'eco2mix-consolidated', 0);",
            "INSERT INTO grid_intensity VALUES ('DE', \(a), 400.0, 'other-zone', 0);",
        ]
        for q in [a, b, c] {
            sql.append(
                "INSERT INTO attribution_windows VALUES ('h1', \(q), \(q + 900_000_000_000), 0, 1, 0, 'ntp', 900000000000);"
            )
        }
        sql += requestsSQL(at: b + 60_000_000_000)
        return sql.joined(separator: "\n")
    }

    /// 25 small requests of modelA at 100 J each (gateway estimate 0.1–0.3 Wh)
    /// and 25 of modelB at 40 J, all ending in quarter B, endpoint /v1/chat.
    static func requestsSQL(at end: Int64) -> [String] {
        var sql: [String] = []
        for i in 0..<50 {
            let modelA = i < 25
            let key = i + 1
            let estimate =
                modelA ? "0.0001, 0.0003, 0.00001, 0.00003, 'albert-ecologits'" : "NULL, NULL, NULL, NULL, NULL"
            sql.append(
                "INSERT INTO requests VALUES (\(key), 'h1', 'r\(i)', '\(modelA ? "tenantY" : "tenantX")', '\(modelA ? "modelA" : "modelB")', \(end - 1_000_000_000), NULL, \(end), 100, 50, 200, 0, 'litellm', '/v1/chat', \(estimate), NULL, NULL, frugal_id_hash('r\(i)'));"
            )
            let energy = (modelA ? 100 : 40) * 1_000_000
            sql.append(
                "INSERT INTO request_energy VALUES ('h1', \(quarterB), \(key), \(energy - 10_000_000), 10000000, 'tokens', '{}');"
            )
        }
        return sql
    }
}
