import Foundation
import FrugalCore
import Synchronization
import Testing

@testable import FrugalStore

@Suite struct MigrationTests {
    @Test func freshDatabaseIsAtTheLatestVersionWithIncrementalVacuum() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let db = try SQLiteDatabase(path: fixture.path)
        #expect(try Migrator.migrate(db) == Array(1...StoreSchema.latestVersion))
        #expect(try Migrator.version(of: db) == StoreSchema.latestVersion)
        #expect(try db.scalarInt64("PRAGMA auto_vacuum") == 2)  // INCREMENTAL
        #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt64("PRAGMA synchronous") == 1)  // NORMAL
        #expect(try db.scalarInt64("PRAGMA foreign_keys") == 1)
        #expect(try Migrator.migrate(db).isEmpty)  // a second run does nothing
    }

    @Test func databaseFromANewerFrugalIsRefusedClearly() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        do {
            let db = try SQLiteDatabase(path: fixture.path)
            try Migrator.migrate(db)
            try db.execute("PRAGMA user_version = 99")
        }
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: fixture.path) }
        #expect(error.kind == .schemaTooNew)
        #expect(
            error.message
                == "database schema version 99 is newer than this frugal (\(StoreSchema.latestVersion)): upgrade frugal"
        )
        #expect(error.path == fixture.path)
        let reader = try #require(throws: StoreError.self) {
            try SQLiteStore(path: fixture.path, options: .init(readOnly: true))
        }
        #expect(reader.kind == .schemaTooNew)
    }

    @Test func readOnlyConnectionsDoNotMigrate() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = try SQLiteDatabase(path: fixture.path)  // an empty database file
        let error = try #require(throws: StoreError.self) {
            try SQLiteStore(path: fixture.path, options: .init(readOnly: true))
        }
        #expect(error.kind == .schemaTooOld)
        #expect(error.fix?.contains("frugal daemon") == true)
    }

    @Test func aFailingStepLeavesTheDatabaseAtThePreviousVersion() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let db = try SQLiteDatabase(path: fixture.path)
        let steps = [
            Migration(version: 1, summary: "t", sql: "CREATE TABLE t (x INTEGER)"),
            Migration(
                version: 2, summary: "half done", sql: "CREATE TABLE u (y INTEGER); INSERT INTO nowhere VALUES (1)"),
        ]
        let error = try #require(throws: StoreError.self) { try Migrator.migrate(db, to: steps) }
        #expect(error.sql?.contains("INSERT INTO nowhere") == true)
        #expect(try Migrator.version(of: db) == 1)
        #expect(try db.scalarInt64("SELECT count(*) FROM sqlite_schema WHERE name = 'u'") == 0)
        #expect(try Migrator.migrate(db, to: Array(steps.prefix(1))).isEmpty)
    }

    /// A file at schema `version` holding requests (host, id, tenant, model, start_ns, end_ns) stored then.
    func file(at version: Int, requests: [(String, String, String, String, Int64, Int64)], in fixture: StoreFixture)
        throws -> SQLiteDatabase
    {
        let db = try SQLiteDatabase(path: fixture.path)
        try Migrator.migrate(db, to: Array(StoreSchema.migrations.prefix(version)))
        let insert = try db.prepare(
            """
            INSERT INTO requests (host, id, tenant, model, start_ns, end_ns, status, format)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, 200, 'jsonl')
            """)
        for r in requests {
            try insert.bind(r.0, at: 1)
            try insert.bind(r.1, at: 2)
            try insert.bind(r.2, at: 3)
            try insert.bind(r.3, at: 4)
            try insert.bind(r.4, at: 5)
            try insert.bind(r.5, at: 6)
            try insert.run()
        }
        return db
    }

    @Test func requestsStoredBeforeVersion5ReadBackWithoutABackend() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try file(at: 4, requests: [("gpu-01", "old", "key:1", "llama", 1_000_000_000, 3_000_000_000)], in: fixture)
            .close()
        let store = try SQLiteStore(path: fixture.path)
        let stored = try store.requests(
            host: "gpu-01", overlapping: Timestamp(nanosecondsSinceEpoch: 0),
            to: Timestamp(nanosecondsSinceEpoch: 4_000_000_000))
        #expect(stored.map(\.id) == ["old"] && stored[0].upstream == nil)
    }

    @Test func version6IndexesRequestIdsOfAVersion5File() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let db = try file(
            at: 5, requests: [("h", "req-a", "t", "m", 1, 2), ("h", "req-b", "t", "m", 3, 4)], in: fixture)
        #expect(try Migrator.migrate(db, to: Array(StoreSchema.migrations.prefix(6))) == [6])
        #expect(try Migrator.version(of: db) == 6)
        #expect(try db.scalarInt64("SELECT count(*) FROM sqlite_schema WHERE name = 'requests_by_id'") == 1)
        let plan = try db.prepare("EXPLAIN QUERY PLAN SELECT tenant FROM requests WHERE id = 'req-b'")
        #expect(try plan.step())
        #expect(plan.text(at: 3).contains("INDEX requests_by_id"), "\(plan.text(at: 3))")
        #expect(try db.scalarInt64("SELECT count(*) FROM requests WHERE id = 'req-b'") == 1)
    }

    @Test func version7AddsTheEstimateColumnEmptyForRequestsStoredBefore() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let db = try file(at: 6, requests: [("h", "before", "t", "m", 1, 2)], in: fixture)
        #expect(try Migrator.migrate(db, to: Array(StoreSchema.migrations.prefix(7))) == [7])
        #expect(try db.scalarInt64("SELECT count(*) FROM requests WHERE estimated_uj IS NULL") == 1)
        try db.execute(
            """
            INSERT INTO requests (host, id, tenant, model, start_ns, end_ns, status, format, estimated_uj)
            VALUES ('h', 'after', 't', 'm', 3, 4, 200, 'jsonl', 47000000)
            """)
        #expect(try db.scalarInt64("SELECT estimated_uj FROM requests WHERE id = 'after'") == 47_000_000)
    }

    @Test func version8KeysEveryStoredIdAndLooksIdsUpByTheKey() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let db = try file(
            at: 7, requests: [("h", "chatcmpl-a1", "t", "m", 1, 2), ("h", "é-ü", "t", "m", 3, 4)], in: fixture)
        #expect(try Migrator.migrate(db) == [8])
        // The migration's SQL function and Swift agree, byte for byte, on non-ASCII ids too.
        #expect(
            try db.scalarInt64("SELECT id_hash FROM requests WHERE id = 'chatcmpl-a1'")
                == RequestIDHash.of("chatcmpl-a1"))
        #expect(try db.scalarInt64("SELECT id_hash FROM requests WHERE id = 'é-ü'") == RequestIDHash.of("é-ü"))
        #expect(try db.scalarInt64("SELECT count(*) FROM sqlite_schema WHERE name = 'requests_by_id'") == 0)
        let plan = try db.prepare(
            "EXPLAIN QUERY PLAN SELECT tenant FROM requests WHERE id_hash = \(RequestIDHash.of("é-ü")) AND id = 'é-ü'")
        #expect(try plan.step())
        #expect(plan.text(at: 3).contains("INDEX requests_by_id_hash"), "\(plan.text(at: 3))")
        // FNV-1a 64 of the empty string and of "a": the published test vectors.
        #expect(RequestIDHash.of("") == Int64(bitPattern: 0xcbf2_9ce4_8422_2325))
        #expect(RequestIDHash.of("a") == Int64(bitPattern: 0xaf63_dc4c_8601_ec8c))
    }

    @Test func connectionsOpenedAtOnceMigrateAFreshFileOnce() throws {
        // The daemon's sampler, ingest and attribution open the same new file together.
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do {
                try SQLiteStore(path: fixture.path).close()
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let db = try SQLiteDatabase(path: fixture.path)
        #expect(try Migrator.version(of: db) == StoreSchema.latestVersion)
    }

    @Test func statementsBindAndReadEveryType() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let db = try SQLiteDatabase(path: fixture.path)
        try db.execute("CREATE TABLE v (i INTEGER, d REAL, t TEXT, b BLOB, n INTEGER)")
        let insert = try db.prepare("INSERT INTO v VALUES (?1, ?2, ?3, ?4, ?5)")
        try insert.bind(Int64.min, at: 1)
        try insert.bind(-0.5, at: 2)
        try insert.bind("énergie ⚡", at: 3)
        try insert.bind(blob: [0, 255, 7], at: 4)
        try insert.bindNull(at: 5)
        try insert.run()
        let select = try db.prepare("SELECT i, d, t, b, n FROM v")
        #expect(try select.step())
        #expect(select.int64(at: 0) == Int64.min)
        #expect(select.double(at: 1) == -0.5)
        #expect(select.text(at: 2) == "énergie ⚡")
        #expect(select.blob(at: 3) == [0, 255, 7])
        #expect(select.isNull(at: 4) && select.optionalInt64(at: 4) == nil)
        #expect(try !select.step())
        let error = try #require(throws: StoreError.self) { try db.execute("SELECT * FROM missing_table") }
        #expect(
            error.code == 1 && error.sql == "SELECT * FROM missing_table" && error.message.contains("no such table"))
    }
}
