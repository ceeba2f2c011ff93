import Foundation
import FrugalCore
import Testing

@testable import FrugalStore

#if canImport(Glibc)
    import Glibc
#endif

/// Operating faults: each ends in a clear `StoreError` and a sound database.
@Suite struct FaultTests {
    typealias F = StoreFixture
    static let isRoot = geteuid() == 0

    @Test func missingDirectoryNamesThePathAndTheFix() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let path = fixture.directory.path + "/not-there/frugal.sqlite"
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error.kind == .cannotOpen)
        #expect(error.message.contains("\(fixture.directory.path)/not-there does not exist"))
        #expect(error.fix?.contains("install -d") == true)
    }

    @Test func parentThatIsAFileOrPathThatIsADirectory() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let file = fixture.directory.path + "/plain"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let notDirectory = try #require(throws: StoreError.self) { try SQLiteStore(path: file + "/frugal.sqlite") }
        #expect(notDirectory.message.contains("is not a directory"))
        let isDirectory = try #require(throws: StoreError.self) { try SQLiteStore(path: fixture.directory.path) }
        #expect(isDirectory.message.contains("is a directory"))
        #expect(isDirectory.fix?.contains("frugal.sqlite") == true)
    }

    @Test func fileThatIsNotADatabase() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        _ = FileManager.default.createFile(atPath: fixture.path, contents: Data(repeating: 0x42, count: 8_192))
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: fixture.path) }
        #expect(error.kind == .corrupt)
        #expect(error.path == fixture.path && error.fix?.contains("move") == true)
    }

    // Root ignores file modes, so these run only for an ordinary user (CI, developers).
    @Test(.enabled(if: !isRoot, "root bypasses file permissions"))
    func unwritableDirectoryNamesTheFix() throws {
        let fixture = try StoreFixture()
        defer {
            chmod(fixture.directory.path, 0o755)
            fixture.remove()
        }
        chmod(fixture.directory.path, 0o555)
        let error = try #require(throws: StoreError.self) { try SQLiteStore(path: fixture.path) }
        #expect(error.message.contains("is not writable") && error.fix?.contains("chown") == true)
    }

    @Test(.enabled(if: !isRoot, "root bypasses file permissions"))
    func readOnlyFileFailsToWriteClearly() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.openStore().close()
        chmod(fixture.path, 0o444)
        let error = try #require(throws: StoreError.self) {
            let store = try fixture.openStore()
            try store.append(samples: [F.sample(second: 1)], gaps: [])
            try store.flush()
        }
        #expect(error.kind == .readOnly || error.kind == .cannotOpen)
        #expect(error.path == fixture.path)
    }

    /// The error a write gets on a read-only file (what root cannot provoke
    /// with file modes): kind, path and fix.
    @Test func writeToAReadOnlyConnectionSaysWhatToChange() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.openStore().close()
        let db = try SQLiteDatabase(path: fixture.path, mode: .readOnly)
        let error = try #require(throws: StoreError.self) {
            try db.execute("INSERT INTO store_meta (key, value) VALUES ('x', 1)")
        }
        #expect(error.kind == .readOnly && error.path == fixture.path)
        #expect(
            error.fix
                == "give the frugal user write access to \(fixture.path), its directory, and its -wal and -shm files")
        #expect(error.description.contains("INSERT INTO store_meta"))
    }

    /// SQLITE_FULL through `max_page_count`: the flush fails clearly, nothing
    /// committed is lost, the batch stays buffered, and a retry with room succeeds.
    @Test func fullDiskFailsTheFlushAndKeepsTheBatch() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var store = try fixture.openStore()
        try store.append(samples: F.seconds(0..<60), gaps: [])
        try store.flush()
        try store.close()
        let pages = try SQLiteDatabase(path: fixture.path).scalarInt64("PRAGMA page_count")!
        store = try fixture.openStore(.init(maxPageCount: pages))
        var rng = SplitMix64(seed: 5)
        let noisy = (Int64(60)..<20_000).map { second in
            F.sample(second: second, watts: Int64.random(in: 1...1_000_000, using: &rng))
        }
        try store.append(samples: noisy, gaps: [])
        let error = try #require(throws: StoreError.self) { try store.flush() }
        #expect(error.kind == .diskFull)
        #expect(error.code.map { $0 & 0xff } == 13)
        #expect(error.fix?.contains("free space") == true)
        #expect(store.bufferedCount.samples == noisy.count)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.samples(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(30_000)) == F.seconds(0..<60))

        let reopened = try fixture.openStore()  // another connection, no page limit
        #expect(try reopened.integrityCheck() == ["ok"])
        #expect(try reopened.energy(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(60)) == Energy(joules: 4_800))
        try reopened.close()
        // Once there is room, the same store retries the buffered batch.
        try store.setMaxPageCount(nil)
        #expect(try store.flush().samplesWritten == noisy.count)
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.usage(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(30_000)).sampleCount == 20_000)
        try store.close()
    }
}
