import FrugalCore
import Testing

@testable import FrugalStore

/// Chunks of an open minute are coded with the modes of their minute's last
/// whole encoding: any modes must decode exactly, and the minute's own modes
/// must cost about what a full search does.
@Suite struct BlockCodingTests {
    static let minute: Int64 = 1_763_900_000 * 1_000_000_000 / 60_000_000_000 * 60_000_000_000

    /// Ten samples at 10 Hz with RAPL-like energies (whole counter units of 61.035 µJ).
    static func chunk(_ rng: inout SplitMix64, start: Int) -> [PackedSample] {
        (start..<start + 10).map { i in
            let end = minute + Int64(i) * 100_000_000 + Int64.random(in: 20_000...90_000, using: &rng)
            let units = Int64.random(in: 1_600...1_700, using: &rng)
            return PackedSample(
                endNanoseconds: end, elapsedNanoseconds: 100_000_000 + Int64.random(in: -500...500, using: &rng),
                energyMicrojoules: units * 61_035 / 1_000, wrapped: i == 13)
        }
    }

    @Test func everyCodingRoundTrips() throws {
        var rng = SplitMix64(seed: 7)
        let samples = Self.chunk(&rng, start: 10)
        for time in 0...2 {
            for elapsed in 0...2 {
                for energy in 0...2 {
                    for quantum in [0] + SampleBlockCodec.quanta {
                        let coding = BlockCoding(
                            timeMode: time, elapsedMode: elapsed, energyMode: energy, quantum: quantum)
                        let (bytes, used) = SampleBlockCodec.encode(samples, base: Self.minute, reusing: coding)
                        #expect(used == coding)
                        #expect(try SampleBlockCodec.decode(bytes, base: Self.minute) == samples, "\(coding)")
                    }
                }
            }
        }
    }

    @Test func aSingleSampleChunkRoundTripsWithAQuantum() throws {
        var rng = SplitMix64(seed: 3)
        let sample = Array(Self.chunk(&rng, start: 0).prefix(1))
        let coding = BlockCoding(timeMode: 2, elapsedMode: 0, energyMode: 2, quantum: 61_035)
        let bytes = SampleBlockCodec.encode(sample, base: Self.minute, reusing: coding).bytes
        #expect(try SampleBlockCodec.decode(bytes, base: Self.minute) == sample)
    }

    @Test func theMinutesModesCostAboutWhatAFullSearchDoes() throws {
        var rng = SplitMix64(seed: 11)
        let first = SampleBlockCodec.encode(Self.chunk(&rng, start: 0), base: Self.minute, reusing: nil)
        #expect(first.coding.quantum == 61_035, "RAPL units are found")
        let next = Self.chunk(&rng, start: 10)
        let reused = SampleBlockCodec.encode(next, base: Self.minute, reusing: first.coding).bytes
        let searched = SampleBlockCodec.encode(next, base: Self.minute)
        #expect(try SampleBlockCodec.decode(reused, base: Self.minute) == next)
        #expect(reused.count <= searched.count + 4, "\(reused.count) bytes reused vs \(searched.count) searched")
    }
}
