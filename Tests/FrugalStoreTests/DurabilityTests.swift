import Dispatch
import Foundation
import FrugalCore
import Synchronization
import Testing

@testable import FrugalStore

/// Crashes, concurrent readers and retention.
@Suite struct DurabilityTests {
    typealias F = StoreFixture

    /// Power loss after the last commit: the database and WAL files as they are
    /// on disk while a transaction is open (its pages spilled into the WAL) open
    /// with every committed batch and none of the open one.
    @Test func copyTakenDuringAnOpenTransactionHasEveryCommittedBatch() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        for second in Int64(0)..<200 {
            try store.append(
                samples: [F.sample(second: second), F.sample(F.package, second: second, watts: 40)], gaps: [])
            try store.flush()
        }
        let intruder = try SQLiteDatabase(path: fixture.path)
        try intruder.execute("PRAGMA cache_size = 2")  // spill uncommitted pages into the WAL
        try intruder.execute("BEGIN IMMEDIATE")
        let insert = try intruder.prepare(
            "INSERT INTO sample_blocks (domain_key, minute_start_ns, data) VALUES (1, ?1, ?2)")
        for minute in Int64(1)...400 {
            try insert.bind(minute * 60_000_000_000 + 4_000_000_000_000_000_000, at: 1)
            try insert.bind(blob: [UInt8](repeating: UInt8(minute % 251), count: 2_000), at: 2)
            try insert.run()
        }
        let copy = try StoreFixture()
        defer { copy.remove() }
        #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: fixture.path + suffix, toPath: copy.path + suffix)
        }
        try intruder.execute("ROLLBACK")

        let recovered = try SQLiteStore(path: copy.path)
        #expect(try recovered.integrityCheck() == ["ok"])
        let window = (F.t0, F.t0 + .seconds(200))
        #expect(try recovered.samples(domain: F.gpu, from: window.0, to: window.1) == F.seconds(0..<200))
        #expect(try recovered.energy(domain: F.package, from: window.0, to: window.1) == Energy(joules: 40 * 200))
        let db = try SQLiteDatabase(path: copy.path, mode: .readOnly)
        #expect(try db.scalarInt64("SELECT count(*) FROM sample_blocks") == 8)  // 2 domains × 4 minutes
    }

    /// WAL: a reader sees a consistent committed state while the writer commits,
    /// and is not blocked by an open write transaction.
    @Test func readersRunWhileTheWriterCommits() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let writer = try fixture.openStore()
        try writer.append(samples: [F.sample(second: 0)], gaps: [])
        try writer.flush()
        let reader = try fixture.openStore(.init(readOnly: true))
        let group = DispatchGroup()
        let failures = Mutex<[String]>([])
        DispatchQueue.global().async(group: group) {
            do {
                for second in Int64(1)..<400 {
                    try writer.append(samples: [F.sample(second: second)], gaps: [])
                    try writer.flush()
                }
            } catch { failures.withLock { $0.append("writer: \(error)") } }
        }
        DispatchQueue.global().async(group: group) {
            var lastCount = 0
            for _ in 0..<300 {
                do {
                    let usage = try reader.usage(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(400))
                    // Every committed state holds whole samples of 80 J each, and only grows.
                    if usage.energy != Energy(joules: 80 * Double(usage.sampleCount)) || usage.sampleCount < lastCount {
                        failures.withLock { $0.append("inconsistent read: \(usage)") }
                    }
                    lastCount = usage.sampleCount
                } catch { failures.withLock { $0.append("reader: \(error)") } }
            }
        }
        group.wait()
        #expect(failures.withLock { $0 } == [])
        #expect(try reader.usage(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(400)).sampleCount == 400)

        let blocker = try SQLiteDatabase(path: fixture.path)
        try blocker.execute("BEGIN IMMEDIATE; DELETE FROM rollup_minute;")
        #expect(try reader.energy(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(400)) == Energy(joules: 80 * 400))
        try blocker.execute("ROLLBACK")
    }

    @Test func pruningDropsRawBlocksKeepsRollupsAndRefusesPrunedEdges() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        try store.append(samples: F.seconds(0..<10_800) + F.seconds(0..<10_800, F.package, watts: 40), gaps: [])
        try store.flush()
        let report = try store.pruneRaw(olderThan: F.t0 + .seconds(3_690))  // inside minute 61
        #expect(report.blocksDeleted == 2 * 61)
        #expect(report.rawKeptFrom == F.t0 + .seconds(3_660))
        let all = (F.t0, F.t0 + .seconds(10_800))
        #expect(try store.energy(domain: F.gpu, from: all.0, to: all.1) == Energy(joules: 80 * 10_800))
        #expect(try store.minuteRollups(domain: F.package, from: all.0, to: all.1).count == 180)
        #expect(try store.samples(domain: F.gpu, from: all.0, to: all.1) == F.seconds(3_660..<10_800))
        let error = try #require(throws: StoreError.self) {
            try store.energy(domain: F.gpu, from: F.t0 + .seconds(10), to: all.1)
        }
        #expect(error.kind == .rawPruned && error.fix?.contains("whole UTC minutes") == true)
        // A late sample for a pruned minute cannot be merged into its rollup: dropped and counted.
        try store.append(samples: [F.sample(second: 30, watts: 999)], gaps: [])
        #expect(try store.flush().samplesDroppedAsPruned == 1)
        #expect(try store.energy(domain: F.gpu, from: all.0, to: all.1) == Energy(joules: 80 * 10_800))
        let db = try SQLiteDatabase(path: fixture.path, mode: .readOnly)
        #expect(try db.scalarInt64("PRAGMA freelist_count") == 0)  // incremental_vacuum gave pages back
    }
}
