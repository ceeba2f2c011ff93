import Foundation
import FrugalCore
import Testing

@testable import FrugalStore

/// The open minute is appended to in chunks and compacted when it closes.
@Suite struct OpenMinuteTests {
    typealias F = StoreFixture

    private func blocks(_ fixture: StoreFixture) throws -> [(minute: Int64, data: [UInt8])] {
        let db = try SQLiteDatabase(path: fixture.path, mode: .readOnly)
        defer { db.close() }
        let select = try db.prepare(
            "SELECT minute_start_ns, data FROM sample_blocks WHERE domain_key = 1 ORDER BY minute_start_ns")
        var rows: [(Int64, [UInt8])] = []
        while try select.step() { rows.append((select.int64(at: 0), select.blob(at: 1))) }
        return rows
    }

    @Test func chunkedBlockRoundTripsAndWrapsAFormatOneBlock() throws {
        let base = F.t0.nanosecondsSinceEpoch
        let samples = (Int64(0)..<25).map {
            PackedSample(
                endNanoseconds: base + $0 * 100_000_000 + $0 % 3, elapsedNanoseconds: 100_000_000,
                energyMicrojoules: 1_000 + $0 * 7, wrapped: $0 == 11)
        }
        var block: [UInt8] = []
        for range in [0..<1, 1..<10, 10..<11, 11..<25] {
            ChunkedBlock.append(SampleBlockCodec.encode(Array(samples[range]), base: base), to: &block)
            #expect(ChunkedBlock.isChunked(block) == (range.lowerBound > 0))
            #expect(try ChunkedBlock.decode(block, base: base) == Array(samples[0..<range.upperBound]))
        }
        #expect(throws: BlockDecodingError.self) { try ChunkedBlock.decode(Array(block.dropLast()), base: base) }
        #expect(throws: BlockDecodingError.self) { try ChunkedBlock.decode([ChunkedBlock.format], base: base) }
    }

    /// The daemon at 10 Hz: sample `i` ends i × 100 ms after t0 (with some jitter), drawing 60–64 W.
    private static func tenth(_ i: Int64) -> EnergySample {
        EnergySample(
            domain: F.gpu, end: F.t0 + .nanoseconds(i * 100_000_000 + (i * 7_919) % 3_000_000),
            elapsed: .milliseconds(100), energy: Energy(microjoules: (60 + i % 5) * 100_000 + i % 3))
    }

    /// Each flush appends a chunk; reads of the open minute see every sample,
    /// the rollups are exact, chunks never take much more room than one
    /// block, and the closed minute is one compact block.
    @Test func flushesAppendToTheOpenMinuteAndCompactItWhenItCloses() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        let all = (Int64(0)..<610).map(Self.tenth)
        let window = (F.t0, F.t0 + .seconds(3_600))
        for flush in 0..<60 {
            let written = Array(all[0..<(flush + 1) * 10])
            try store.append(samples: Array(all[flush * 10..<(flush + 1) * 10]), gaps: [])
            try store.flush()
            let stored = try blocks(fixture)
            #expect(stored.count == 1)
            if flush < 2 { #expect(ChunkedBlock.isChunked(stored[0].data) == (flush == 1)) }
            let compact = SampleBlockCodec.encode(written.map { PackedSample($0) }, base: F.t0.nanosecondsSinceEpoch)
            #expect(stored[0].data.count <= 2 * compact.count + 64 + 80)
            #expect(try store.samples(domain: F.gpu, from: window.0, to: window.1) == written)
            let rollup = try store.minuteRollups(domain: F.gpu, from: window.0, to: window.1)[0]
            #expect(rollup.energy == written.map(\.energy).sum())
            #expect(rollup.sampleCount == written.count)
        }
        try store.append(samples: Array(all[600...]), gaps: [])
        try store.flush()
        let stored = try blocks(fixture)
        #expect(stored.count == 2)
        #expect(!ChunkedBlock.isChunked(stored[0].data))
        let minute0 = SampleBlockCodec.encode(all[0..<600].map { PackedSample($0) }, base: stored[0].minute)
        #expect(stored[0].data == minute0)
        #expect(try store.energy(domain: F.gpu, from: window.0, to: window.1) == all.map(\.energy).sum())
        #expect(try store.usage(domain: F.gpu, from: window.0, to: window.1).sampleCount == 610)
    }

    @Test func closeCompactsAndAReopenedStoreMergesIntoAChunkedMinute() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        var store = try fixture.openStore()
        for range in [Int64(0)..<5, 5..<10] {
            try store.append(samples: F.seconds(range), gaps: [])
            try store.flush()
        }
        #expect(ChunkedBlock.isChunked(try blocks(fixture)[0].data))
        try store.close()
        #expect(!ChunkedBlock.isChunked(try blocks(fixture)[0].data))

        // A crash leaves chunks: the next run reads them and merges late and new samples.
        store = try fixture.openStore()
        for range in [Int64(10)..<15, 15..<20] {
            try store.append(samples: F.seconds(range), gaps: [])
            try store.flush()
        }
        let crashed = try StoreFixture()
        defer { crashed.remove() }
        try store.checkpoint()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: fixture.path + suffix) {
            try FileManager.default.copyItem(atPath: fixture.path + suffix, toPath: crashed.path + suffix)
        }
        let reopened = try crashed.openStore()
        #expect(ChunkedBlock.isChunked(try blocks(crashed)[0].data))
        try reopened.append(samples: [F.sample(second: 20), F.sample(second: 5, watts: 90)], gaps: [])
        try reopened.flush()
        let window = (F.t0, F.t0 + .seconds(60))
        #expect(try reopened.samples(domain: F.gpu, from: window.0, to: window.1).count == 21)
        #expect(try reopened.energy(domain: F.gpu, from: window.0, to: window.1) == Energy(joules: 80 * 20 + 90))
        #expect(try reopened.minuteRollups(domain: F.gpu, from: window.0, to: window.1)[0].sampleCount == 21)
        #expect(!ChunkedBlock.isChunked(try blocks(crashed)[0].data))
    }
}
