import FrugalCore
import FrugalStore

/// The baseline: one row per sample in an ordinary rowid table, as a first
/// design would store them, optionally with the (domain, time) index that its
/// queries need.
struct NaiveStore {
    let db: SQLiteDatabase
    private let insert: Statement

    init(path: String) throws {
        db = try SQLiteDatabase(path: path)
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS samples (
                domain_key INTEGER NOT NULL, end_ns INTEGER NOT NULL, elapsed_ns INTEGER NOT NULL,
                energy_uj INTEGER NOT NULL, wrapped INTEGER NOT NULL)
            """)
        insert = try db.prepare("INSERT INTO samples VALUES (?1, ?2, ?3, ?4, ?5)")
    }

    func append(_ samples: [EnergySample]) throws {
        for (key, sample) in samples.enumerated() {
            try insert.bind(
                Int64(key), sample.end.nanosecondsSinceEpoch, sample.elapsed.nanoseconds, sample.energy.microjoules,
                sample.wrapped ? 1 : 0)
            try insert.run()
        }
    }

    func createIndex() throws {
        try db.execute("CREATE INDEX samples_by_domain_time ON samples (domain_key, end_ns)")
    }

    func energyMicrojoules(domainKey: Int64, from: Int64, to: Int64) throws -> Int64 {
        let select = try db.prepare(
            "SELECT sum(energy_uj) FROM samples WHERE domain_key = ?1 AND end_ns >= ?2 AND end_ns < ?3")
        try select.bind(domainKey, from, to)
        _ = try select.step()
        return select.int64(at: 0)
    }
}
