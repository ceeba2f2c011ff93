import Foundation
import FrugalCore
import Testing

@testable import FrugalStore

/// Requests, quarantine, offsets and counters (schema version 2).
@Suite struct RequestStoreTests {
    static let t0 = StoreFixture.t0
    static let source = "/var/log/litellm/proxy.log"

    static func record(_ n: Int, host: String = "gpu-01", startSecond: Int64? = nil, seconds: Int64 = 2)
        -> RequestRecord
    {
        let start = t0 + .seconds(startSecond ?? Int64(n))
        return RequestRecord(
            id: "req-\(n)", host: host, tenant: "key:\(n % 3)", model: n % 2 == 0 ? "llama" : "mistral",
            start: start, firstToken: n % 4 == 0 ? nil : start + .milliseconds(200), end: start + .seconds(seconds),
            promptTokens: 100 + n, completionTokens: n % 5 == 0 ? nil : 10 * n, status: n % 7 == 0 ? 500 : 200,
            streaming: n % 3 == 0 ? nil : n % 3 == 1, format: "litellm",
            endpoint: n % 2 == 0 ? "/v1/chat/completions" : nil,
            gatewayEstimate: n % 2 == 0
                ? GatewayEstimate(
                    energyMinKilowattHours: 0.001, energyMaxKilowattHours: nil, co2eMinKilograms: 0.0002,
                    co2eMaxKilograms: 0.0004, method: "albert/ecologits") : nil,
            upstream: n % 3 == 0 ? nil : "http://10.0.0.\(n % 4):8000/v1")
    }

    static func offset(_ bytes: Int64) -> IngestOffset {
        IngestOffset(
            device: 2049, inode: 1_234_567, head: Array("{\"id\":\"req-0\"".utf8), offset: bytes, format: "litellm",
            updatedAt: t0 + .seconds(bytes))
    }

    static func rejected(_ offset: Int64, text: String = "{\"id\": \"broken") -> QuarantinedLine {
        var copy = text
        return copy.withUTF8 {
            QuarantinedLine(
                file: source + ".1", lineOffset: offset, format: "litellm", reason: "truncated", field: nil,
                message: "the line ends inside a JSON value", line: UnsafeRawBufferPointer($0), seenAt: t0)
        }
    }

    static func batch(_ range: Range<Int>, rejected: [QuarantinedLine] = [], offset bytes: Int64) -> IngestBatch {
        IngestBatch(
            source: source, format: "litellm", records: range.map { record($0) }, rejected: rejected,
            skipped: ["empty": 1], linesRead: range.count + rejected.count + 1, offset: offset(bytes))
    }

    @Test func recordsRoundTripAndReingestingIsIdempotent() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try SQLiteStore(path: fixture.path)
        let first = try store.commitIngest(Self.batch(0..<50, rejected: [Self.rejected(17)], offset: 4_000))
        #expect(first.inserted == 50 && first.duplicates == 0 && first.quarantined == 1)
        let again = try store.commitIngest(Self.batch(0..<50, offset: 4_000))
        #expect(again.inserted == 0 && again.duplicates == 50)
        var inside = Self.batch(50..<60, offset: 5_000)
        inside.records.append(Self.record(55))  // a repeat inside one batch
        #expect(try store.commitIngest(inside).duplicates == 1)
        var moved = Self.batch(0..<0, offset: 5_000)
        moved.records = [Self.record(3, startSecond: 1_000)]  // the same id at another start is another request
        #expect(try store.commitIngest(moved).inserted == 1)
        #expect(try store.requestCount() == 61)
        try store.commitIngest(Self.batch(0..<0, offset: 5_000))
        let all = try store.requests(host: "gpu-01", overlapping: Self.t0, to: Self.t0 + .seconds(100))
        #expect(all == (0..<60).map { Self.record($0) })
        #expect(try store.ingestOffset(for: Self.source) == Self.offset(5_000))
        #expect(try store.ingestOffset(for: "/elsewhere") == nil)
        let counters = try store.ingestCounters(source: Self.source)
        #expect(counters["records"] == 61 && counters["duplicates"] == 51 && counters["rejected.truncated"] == 1)
        #expect(counters["lines"] == 52 + 51 + 11 + 1 + 1 && counters["skipped.empty"] == 5)
    }

    /// `start < to && end > from`, found through the start index however long a request ran.
    @Test func overlapQueryFindsRequestsThatStartedLongBefore() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try SQLiteStore(path: fixture.path)
        var batch = Self.batch(0..<0, offset: 1)
        batch.records = [
            Self.record(1, startSecond: 0, seconds: 600),  // [0, 600)
            Self.record(2, startSecond: 100, seconds: 5),  // [100, 105)
            Self.record(3, startSecond: 105, seconds: 1),  // [105, 106)
            Self.record(4, startSecond: 99, seconds: 1),  // [99, 100): ends at the window's start
            Self.record(5, host: "gpu-02", startSecond: 101),
        ]
        try store.commitIngest(batch)
        let ids = try store.requests(host: "gpu-01", overlapping: Self.t0 + .seconds(100), to: Self.t0 + .seconds(105))
            .map(\.id)
        #expect(ids == ["req-1", "req-2"])
        #expect(try store.requests(host: "gpu-02", overlapping: Self.t0, to: Self.t0 + .seconds(200)).count == 1)
        #expect(try store.requestCount(host: "gpu-01") == 4)
        let db = try SQLiteDatabase(path: fixture.path, mode: .readOnly)
        let plan = try db.prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM requests WHERE host = 'a' AND start_ns < 5 AND start_ns >= 1 AND end_ns > 3"
        )
        var steps: [String] = []
        while try plan.step() { steps.append(plan.text(at: 3)) }
        #expect(steps.joined().contains("USING INDEX requests_by_start"), "\(steps)")
    }

    @Test func quarantineKeepsTheReasonAndAtMost8KiBOfText() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try SQLiteStore(path: fixture.path)
        let long = String(repeating: "é", count: 10_000)  // 20,000 bytes
        try store.commitIngest(
            Self.batch(0..<1, rejected: [Self.rejected(0), Self.rejected(99, text: long)], offset: 9))
        let rows = try store.quarantine(source: Self.source, limit: 10)
        #expect(rows.count == 2)
        #expect(rows[0].line == Self.rejected(0) && rows[0].source == Self.source)
        #expect(rows[1].line.raw.count == 8_192 && rows[1].line.rawBytes == 20_000 && rows[1].line.lineOffset == 99)
        #expect(try store.quarantine(source: "/other", limit: 10).isEmpty)
        #expect(try store.quarantine(source: nil, limit: 1).count == 1)
    }

    /// A failed commit writes nothing: not the records, not the offset.
    @Test func aBatchIsCommittedWholeOrNotAtAll() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try SQLiteStore(path: fixture.path)
        try store.commitIngest(Self.batch(0..<10, offset: 100))
        let blocker = try SQLiteDatabase(path: fixture.path, busyTimeoutMilliseconds: 0)
        try blocker.execute("CREATE TRIGGER no_more BEFORE INSERT ON quarantine BEGIN SELECT RAISE(ABORT, 'no'); END")
        #expect(throws: StoreError.self) {
            try store.commitIngest(Self.batch(10..<20, rejected: [Self.rejected(150)], offset: 200))
        }
        #expect(try store.requestCount() == 10)
        #expect(try store.ingestOffset(for: Self.source)?.offset == 100)
        #expect(try store.ingestCounters(source: Self.source)["records"] == 10)
    }

    /// A crash during a commit: the files as they are on disk while a batch's
    /// transaction is open hold the previous batches and their offset, and
    /// the offset names exactly the records that are there.
    @Test func copyTakenDuringAnOpenIngestTransactionHasMatchingOffsetAndRecords() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try SQLiteStore(path: fixture.path)
        for k in 0..<20 { try store.commitIngest(Self.batch(k * 100..<(k + 1) * 100, offset: Int64(k + 1) * 1_000)) }
        let intruder = try SQLiteDatabase(path: fixture.path)
        try intruder.execute("PRAGMA cache_size = 2")  // spill uncommitted pages into the WAL
        try intruder.execute("BEGIN IMMEDIATE")
        let insert = try intruder.prepare(StoreEngine.insertRequestSQL)
        for n in 2_000..<6_000 {
            try insert.bind("gpu-01", at: 1)
            try insert.bind("req-\(n)", at: 2)
            for i in Int32(3)...18 { try insert.bind(Int64(n), at: i) }
            try insert.run()
        }
        try intruder.execute(
            "INSERT OR REPLACE INTO ingest_offsets VALUES ('\(Self.source)', 1, 1, x'', x'', 999999, NULL, 0)")
        let copy = try StoreFixture()
        defer { copy.remove() }
        #expect(FileManager.default.fileExists(atPath: fixture.path + "-wal"))
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: fixture.path + suffix, toPath: copy.path + suffix)
        }
        try intruder.execute("ROLLBACK")
        let recovered = try SQLiteStore(path: copy.path)
        #expect(try recovered.integrityCheck() == ["ok"])
        #expect(try recovered.ingestOffset(for: Self.source) == Self.offset(20_000))
        #expect(try recovered.requestCount() == 2_000)
        #expect(try recovered.ingestCounters(source: Self.source)["records"] == 2_000)
    }
}
