import FrugalCore
import Testing

@testable import FrugalStore

/// Round-trip properties of the block codec: whatever goes in comes out,
/// bit for bit, for regular, irregular and hostile inputs.
@Suite struct SampleBlockCodecTests {
    static let minute: Int64 = 1_763_900_000 * 1_000_000_000 / 60_000_000_000 * 60_000_000_000

    func roundTrip(_ samples: [PackedSample], base: Int64 = minute) throws -> [UInt8] {
        let bytes = SampleBlockCodec.encode(samples, base: base)
        let decoded = try SampleBlockCodec.decode(bytes, base: base)
        #expect(decoded == samples)
        return bytes
    }

    /// A realistic minute at 1 Hz: jittered deadlines, a noisy 80 W draw.
    func realisticMinute(_ rng: inout SplitMix64, energyQuantumMicrojoules: Int64 = 1) -> [PackedSample] {
        var samples: [PackedSample] = []
        var previousEnd = Self.minute - 1_000_000_000
        for i in 0..<60 {
            let end = Self.minute + Int64(i) * 1_000_000_000 + Int64.random(in: 20_000...200_000, using: &rng)
            let elapsed = end - previousEnd + Int64.random(in: -300...300, using: &rng)
            let joules = 80.0 + Double.random(in: -2...2, using: &rng)
            let energy = Int64(joules * Double(elapsed) / 1e3) / energyQuantumMicrojoules * energyQuantumMicrojoules
            samples.append(
                PackedSample(
                    endNanoseconds: end, elapsedNanoseconds: elapsed, energyMicrojoules: energy, wrapped: i == 17))
            previousEnd = end
        }
        return samples
    }

    @Test func singleSampleRoundTrips() throws {
        let sample = PackedSample(
            endNanoseconds: Self.minute + 5, elapsedNanoseconds: 1_000_000_000, energyMicrojoules: 42, wrapped: true)
        _ = try roundTrip([sample])
    }

    @Test func regularMinuteIsSmall() throws {
        var rng = SplitMix64(seed: 1)
        let samples = realisticMinute(&rng)
        let bytes = try roundTrip(samples)
        // Noisy energy needs ~21 bits, jittered ns timestamps ~19: far below 24 bytes naive.
        #expect(bytes.count < samples.count * 8)
    }

    @Test func millijouleCountersUseTheCommonDivisor() throws {
        var rng = SplitMix64(seed: 2)
        let fine = try roundTrip(realisticMinute(&rng))
        rng = SplitMix64(seed: 2)
        let coarse = try roundTrip(realisticMinute(&rng, energyQuantumMicrojoules: 1_000))
        #expect(coarse.count + 60 < fine.count)  // about 10 bits saved per sample
    }

    /// RAPL shows a counter of 2^-ESU J units as floor(units · Q / 1000) µJ.
    func raplMinute(_ rng: inout SplitMix64, quantumNanojoules: Int64, blur: Bool) -> [PackedSample] {
        var units = Int64.random(in: 0...1 << 32, using: &rng)
        var previous = units * quantumNanojoules / 1_000
        return (0..<60).map { i in
            units += Int64.random(in: 1_300_000...1_400_000, using: &rng)  // ~80 W of 61 µJ units
            let shown = units * quantumNanojoules / 1_000
            defer { previous = shown }
            return PackedSample(
                endNanoseconds: Self.minute + Int64(i) * 1_000_000_000, elapsedNanoseconds: 1_000_000_000,
                energyMicrojoules: shown - previous + (blur ? Int64.random(in: 0...40, using: &rng) : 0), wrapped: false
            )
        }
    }

    @Test(arguments: [Int64(61_035), 30_517, 15_258])
    func raplCounterUnitsAreCodedInsteadOfMicrojoules(quantum: Int64) throws {
        var rng = SplitMix64(seed: UInt64(quantum))
        let quantized = try roundTrip(raplMinute(&rng, quantumNanojoules: quantum, blur: false))
        let blurred = try roundTrip(raplMinute(&rng, quantumNanojoules: quantum, blur: true))
        // Up to log2(q) bits per sample saved, less one for the correction bit.
        let savedBitsPerSample = Double((blurred.count - quantized.count) * 8) / 59
        #expect(savedBitsPerSample >= (quantum == 61_035 ? 3 : 1))
    }

    @Test func perfectlyRegularSamplesCostAlmostNothing() throws {
        let samples = (0..<60).map { i in
            PackedSample(
                endNanoseconds: Self.minute + Int64(i) * 1_000_000_000, elapsedNanoseconds: 1_000_000_000,
                energyMicrojoules: 50_000_000, wrapped: false)
        }
        let bytes = try roundTrip(samples)
        #expect(bytes.count < 24)
    }

    @Test(arguments: 0..<200)
    func randomSequencesRoundTrip(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x1234_5678_9ABC_DEF1)
        let count = Int.random(in: 1...300, using: &rng)
        let shape = seed % 5
        var end = Int64.random(in: Int64.min / 2...Int64.max / 2, using: &rng)
        var samples: [PackedSample] = []
        for _ in 0..<count {
            let step: Int64
            let elapsed: Int64
            let energy: Int64
            switch shape {
            case 0:  // anything at all
                step = Int64.random(in: 1...Int64.max / 1024, using: &rng)
                elapsed = Int64.random(in: Int64.min...Int64.max, using: &rng)
                energy = Int64.random(in: Int64.min...Int64.max, using: &rng)
            case 1:  // irregular intervals, zero energy
                step = Int64.random(in: 1...5_000_000_000, using: &rng)
                elapsed = step
                energy = 0
            case 2:  // huge energies near the limits
                step = 1_000_000_000
                elapsed = Int64.random(in: 0...2_000_000_000, using: &rng)
                energy = Bool.random(using: &rng) ? Int64.max - Int64.random(in: 0...9, using: &rng) : Int64.min
            case 3:  // bursts: idle then kilowatts
                step = 1_000_000_000 + Int64.random(in: -50_000...50_000, using: &rng)
                elapsed = step
                energy =
                    Bool.random(using: &rng) ? 60_000_000 : Int64.random(in: 300_000_000...700_000_000, using: &rng)
            default:  // tiny intervals, a missing sample now and then
                step = Int64.random(in: 0...9, using: &rng) == 0 ? 2_000_000 : 1_000_000
                elapsed = Int64.random(in: 999_000...1_001_000, using: &rng)
                energy = Int64.random(in: 0...3, using: &rng) * 61
            }
            end = end &+ step
            samples.append(
                PackedSample(
                    endNanoseconds: end, elapsedNanoseconds: elapsed, energyMicrojoules: energy,
                    wrapped: Int.random(in: 0..<20, using: &rng) == 0))
        }
        let base =
            Bool.random(using: &rng) ? samples[0].endNanoseconds : Int64.random(in: Int64.min...Int64.max, using: &rng)
        _ = try roundTrip(samples, base: base)
    }

    @Test func extremesRoundTrip() throws {
        let values: [Int64] = [Int64.min, Int64.min + 1, -1, 0, 1, Int64.max - 1, Int64.max]
        var samples: [PackedSample] = []
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                samples.append(
                    PackedSample(
                        endNanoseconds: Int64.min + Int64(i * values.count + j), elapsedNanoseconds: a,
                        energyMicrojoules: b, wrapped: (i + j) % 2 == 0))
            }
        }
        _ = try roundTrip(samples, base: Int64.max)
        _ = try roundTrip(samples.reversed(), base: 0)
    }

    @Test func damagedBlocksFailWithAnErrorNotACrash() throws {
        var rng = SplitMix64(seed: 9)
        let bytes = SampleBlockCodec.encode(realisticMinute(&rng), base: Self.minute)
        for length in 0..<bytes.count {
            _ = try? SampleBlockCodec.decode(Array(bytes[..<length]), base: Self.minute)
        }
        for _ in 0..<2_000 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            _ = try? SampleBlockCodec.decode(damaged, base: Self.minute)
        }
        #expect(throws: BlockDecodingError.self) { try SampleBlockCodec.decode([2, 1], base: 0) }
        #expect(throws: BlockDecodingError.self) { try SampleBlockCodec.decode(Array(bytes.prefix(4)), base: 0) }
    }
}
