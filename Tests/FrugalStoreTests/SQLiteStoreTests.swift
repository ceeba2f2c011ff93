import FrugalCore
import Testing

@testable import FrugalStore

@Suite struct SQLiteStoreTests {
    typealias F = StoreFixture

    @Test func flushedSamplesReadBackAcrossMinutes() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        let written = F.seconds(0..<150) + F.seconds(0..<150, F.package, watts: 40)
        try store.append(samples: written, gaps: [])
        let report = try store.flush()
        #expect(report.samplesWritten == 300)
        #expect(report.blocksWritten == 6)  // 2 domains × minutes 0, 1, 2
        let read = try store.samples(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(150))
        #expect(read == Array(written[0..<150]))
        #expect(try store.energy(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(150)) == Energy(joules: 80 * 150))
        #expect(try store.energy(domain: F.package, from: F.t0, to: F.t0 + .seconds(150)) == Energy(joules: 40 * 150))
        let rollups = try store.minuteRollups(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(3_600))
        #expect(rollups.map(\.sampleCount) == [60, 60, 30])
        #expect(
            rollups[0]
                == MinuteRollup(
                    minuteStart: F.t0, energy: Energy(joules: 4_800), sampleCount: 60, covered: .seconds(60),
                    wrappedCount: 0))
    }

    @Test func perSecondFlushesBuildTheSameBlocksAsOneFlush() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        for second in Int64(0)..<130 {
            try store.append(samples: [F.sample(second: second, watts: 60 + second % 7)], gaps: [])
            try store.flush()
        }
        let usage = try store.usage(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(130))
        let expected = (Int64(0)..<130).map { (60 + $0 % 7) * 1_000_000 }.reduce(0, +)
        #expect(
            usage
                == EnergyUsage(
                    energy: Energy(microjoules: expected), sampleCount: 130, covered: .seconds(130), wrappedCount: 0))
    }

    @Test func reappendingTheSameSamplesCountsThemOnce() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        let batch = F.seconds(55..<65)
        try store.append(samples: batch, gaps: [])
        try store.flush()
        try store.append(samples: batch, gaps: [])  // a retry after an unclear failure
        try store.append(samples: Array(batch[3..<5]), gaps: [])
        try store.flush()
        let window = (F.t0, F.t0 + .seconds(120))
        #expect(try store.samples(domain: F.gpu, from: window.0, to: window.1) == batch)
        #expect(try store.energy(domain: F.gpu, from: window.0, to: window.1) == Energy(joules: 800))
        #expect(try store.minuteRollups(domain: F.gpu, from: window.0, to: window.1).map(\.sampleCount) == [5, 5])
    }

    @Test func lateSamplesMergeIntoTheirMinute() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        let all = F.seconds(0..<180)
        // Minute 2 first, then minute 0 with holes, then the holes, out of order.
        try store.append(samples: Array(all[120..<180]), gaps: [])
        try store.flush()
        try store.append(samples: all[0..<60].enumerated().filter { $0.offset % 3 != 0 }.map(\.element), gaps: [])
        try store.flush()
        try store.append(
            samples: all[0..<120].enumerated().filter { $0.offset % 3 == 0 }.reversed().map(\.element), gaps: [])
        try store.append(samples: all[60..<120].enumerated().filter { $0.offset % 3 != 0 }.map(\.element), gaps: [])
        try store.flush()
        #expect(try store.samples(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(180)) == all)
        #expect(
            try store.minuteRollups(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(180)).map(\.sampleCount) == [
                60, 60, 60,
            ])
        // Reopened, the newest minute still takes appends correctly (no stale cache).
        try store.close()
        let reopened = try fixture.openStore()
        try reopened.append(samples: F.seconds(180..<185) + [F.sample(second: 179, watts: 90)], gaps: [])
        try reopened.flush()
        #expect(
            try reopened.energy(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(185)) == Energy(joules: 80 * 184 + 90))
    }

    /// Invariant: the rollup-and-edges answer equals the brute-force sum of raw samples, for any window.
    @Test(arguments: 0..<20)
    func energyOfAnyWindowEqualsTheSumOfItsSamples(seed: Int) throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        var rng = SplitMix64(seed: UInt64(seed + 100))
        var samples: [EnergySample] = []
        var end = F.t0.nanosecondsSinceEpoch + Int64.random(in: 0...59_999_999_999, using: &rng)
        for _ in 0..<600 {
            let step = Int64.random(in: 100_000_000...40_000_000_000, using: &rng)  // spans hours
            end += step
            samples.append(
                EnergySample(
                    domain: F.package, end: Timestamp(nanosecondsSinceEpoch: end), elapsed: .nanoseconds(step),
                    energy: Energy(microjoules: Int64.random(in: 0...500_000_000, using: &rng)),
                    wrapped: Int.random(in: 0..<50, using: &rng) == 0))
        }
        // Out of order, in several flushes, some twice: the rollups must not care.
        let shuffled = samples.shuffled(using: &rng)
        for chunk in stride(from: 0, to: shuffled.count, by: 97) {
            try store.append(samples: Array(shuffled[chunk..<min(chunk + 131, shuffled.count)]), gaps: [])
            try store.flush()
        }
        let span = end - F.t0.nanosecondsSinceEpoch
        for _ in 0..<25 {
            let a = F.t0.nanosecondsSinceEpoch + Int64.random(in: -60_000_000_000...span, using: &rng)
            let b = a + Int64.random(in: 0...span, using: &rng)
            let (from, to) = (Timestamp(nanosecondsSinceEpoch: a), Timestamp(nanosecondsSinceEpoch: b))
            let inside = samples.filter { $0.end >= from && $0.end < to }
            let expected = EnergyUsage(
                energy: inside.map(\.energy).sum(), sampleCount: inside.count,
                covered: .nanoseconds(inside.map(\.elapsed.nanoseconds).reduce(0, +)),
                wrappedCount: inside.filter(\.wrapped).count)
            #expect(try store.usage(domain: F.package, from: from, to: to) == expected)
        }
    }

    @Test func unknownDomainIsRefusedWithoutPoisoningTheBuffer() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        try store.append(samples: [F.sample(second: 1)], gaps: [])
        let error = try #require(throws: StoreError.self) {
            try store.append(samples: [F.sample("rapl:nope", second: 2)], gaps: [])
        }
        #expect(error.kind == .unknownDomain)
        #expect(store.bufferedCount.samples == 1)
        #expect(try store.flush().samplesWritten == 1)
    }

    @Test func impossibleSamplesAreRefusedWholeBatch() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        let bad = [
            EnergySample(domain: F.gpu, end: F.t0, elapsed: .seconds(1), energy: Energy(microjoules: -1)),
            EnergySample(domain: F.gpu, end: F.t0, elapsed: .zero, energy: Energy(microjoules: 1)),
            EnergySample(
                domain: F.gpu, end: Timestamp(nanosecondsSinceEpoch: .max), elapsed: .seconds(1), energy: .zero),
            EnergySample(domain: F.gpu, end: F.t0, elapsed: .seconds(1), energy: Energy(microjoules: .max)),
        ]
        for sample in bad {
            let error = try #require(throws: StoreError.self) {
                try store.append(samples: [F.sample(second: 1), sample], gaps: [])
            }
            #expect(error.kind == .invalidSample)
        }
        let backwards = SampleGap(domain: F.gpu, start: F.t0 + .seconds(2), end: F.t0, reason: .readFailed, detail: "")
        #expect(throws: StoreError.self) { try store.append(samples: [], gaps: [backwards]) }
        #expect(store.bufferedCount == (0, 0))
    }

    @Test func domainsAndHostAreRecorded() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        try store.append(samples: F.seconds(0..<90), gaps: [])
        try store.flush()
        let domains = try store.domains()
        #expect(domains.map(\.domain) == F.domains.sorted { $0.id < $1.id })
        #expect(domains.allSatisfy { $0.host == "test-host" && $0.firstSeen == F.t0 })
        let gpu = try #require(domains.first { $0.domain.id == F.gpu })
        #expect(gpu.lastSeen == F.t0 + .seconds(89))
    }

    @Test func gapsAreStoredMergedAndIdempotent() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        func gap(_ a: Int64, _ b: Int64, _ reason: SampleGap.Reason = .readFailed) -> SampleGap {
            SampleGap(domain: F.gpu, start: F.t0 + .seconds(a), end: F.t0 + .seconds(b), reason: reason, detail: "EIO")
        }
        // A failure each second for 10 s, then again later, plus a different reason overlapping.
        try store.append(
            samples: [], gaps: (0..<10).map { gap($0, $0 + 1) } + [gap(100, 101), gap(5, 6, .counterReset)])
        try store.flush()
        try store.append(samples: [], gaps: [gap(100, 101), gap(3, 4)])
        try store.flush()
        let stored = try store.gaps(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(3_600))
        #expect(stored == [gap(0, 10), gap(5, 6, .counterReset), gap(100, 101)])
        #expect(try store.gaps(domain: F.gpu, from: F.t0 + .seconds(10), to: F.t0 + .seconds(100)).isEmpty)
        #expect(try store.gaps(domain: F.gpu, from: F.t0 + .seconds(9), to: F.t0 + .seconds(10)) == [gap(0, 10)])
    }

    @Test func dataSurvivesReopeningAndReadOnlyReadersSeeIt() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        try store.append(samples: F.seconds(0..<100), gaps: [])
        try store.close()
        let reader = try fixture.openStore(.init(readOnly: true))
        #expect(try reader.samples(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(100)) == F.seconds(0..<100))
        #expect(try reader.domains().count == 2)
    }

    @Test func microsecondResolutionKeepsEnergyExactAndFloorsTimestamps() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore(.init(timestampResolution: .microseconds(1)))
        let sample = EnergySample(
            domain: F.gpu, end: F.t0 + .nanoseconds(59_999_999_999), elapsed: .nanoseconds(1_000_000_600),
            energy: Energy(microjoules: 80_000_123))
        try store.append(samples: [sample], gaps: [])
        try store.append(samples: [sample], gaps: [])  // still one sample once floored
        try store.flush()
        let read = try store.samples(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(60))
        #expect(
            read == [
                EnergySample(
                    domain: F.gpu, end: F.t0 + .nanoseconds(59_999_999_000), elapsed: .nanoseconds(1_000_001_000),
                    energy: Energy(microjoules: 80_000_123))
            ])
    }

    /// Invariant: every hour rollup is the sum of its minute rollups, and every
    /// minute rollup the sum of its block, after late, repeated and split writes.
    @Test func rollupsAreTheSumsOfWhatTheyCover() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.openStore()
        var rng = SplitMix64(seed: 77)
        let samples = (Int64(0)..<9_000).map {
            F.sample(second: $0 * 3 / 2, watts: Int64.random(in: 0...700, using: &rng))
        }
        for _ in 0..<6 {
            let start = Int.random(in: 0..<samples.count, using: &rng)
            try store.append(
                samples: Array(samples[start..<min(start + 2_500, samples.count)]).shuffled(using: &rng), gaps: [])
            try store.flush()
        }
        try store.append(samples: samples, gaps: [])
        try store.flush()
        let db = try SQLiteDatabase(path: fixture.path, mode: .readOnly)
        func sums(_ sql: String) throws -> [[Int64]] {
            let statement = try db.prepare(sql)
            var rows: [[Int64]] = []
            while try statement.step() { rows.append((0..<6).map { statement.int64(at: Int32($0)) }) }
            return rows
        }
        let hours = try sums("SELECT * FROM rollup_hour ORDER BY domain_key, hour_start_ns")
        let fromMinutes = try sums(
            """
            SELECT minute_start_ns / 3600000000000 * 3600000000000 AS hour, domain_key, sum(energy_uj),
                   sum(sample_count), sum(covered_ns), sum(wrapped_count)
            FROM rollup_minute GROUP BY hour, domain_key ORDER BY domain_key, hour
            """)
        #expect(hours == fromMinutes)
        #expect(hours.map { $0[3] }.reduce(0, +) == 9_000)
        let rollups = try store.minuteRollups(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(20_000))
        let read = try store.samples(domain: F.gpu, from: F.t0, to: F.t0 + .seconds(20_000))
        #expect(read == samples)
        for rollup in rollups {
            let inMinute = read.filter { $0.end.minuteStart == rollup.minuteStart }
            #expect(rollup.energy == inMinute.map(\.energy).sum() && rollup.sampleCount == inMinute.count)
        }
    }
}
