import Foundation
import FrugalCore

/// A seeded 1 Hz sampler on a simulated inference host: 2 CPU packages and
/// their DRAM (RAPL: a 32-bit counter of 2^-14 J units that powercap shows as
/// `raw · 61035 / 1000` µJ, so it wraps at 262,143,328,850 µJ) and 4 GPUs (NVML millijoule counters) that idle at
/// 60–90 W and burst to 300–700 W while serving. Timestamps come from a
/// deadline scheduler with wake-up jitter; elapsed from a "monotonic" clock
/// read next to the wall clock.
struct HostSimulator {
    enum Kind { case package, dram, gpu }

    struct Channel {
        var id: DomainID
        var kind: Kind
        var basePowerWatts: Double
        /// The counter as the hardware holds it, in its own unit (RAPL units or mJ).
        var counterUnits: Double = 0
        var counter: EnergyCounter
        var lastEndNanoseconds: Int64
        var readOffsetNanoseconds: Int64
        var burstSecondsLeft = 0
        var burstWatts = 0.0
    }

    static let raplRangeMicrojoules: UInt64 = 262_143_328_850

    var rng: SplitMix
    var channels: [Channel] = []
    var cpuLoad = 0.3
    var second: Int64 = 0
    let startNanoseconds: Int64
    /// Rounding applied to timestamps, to model a sampler that stamps in µs or ms.
    let resolutionNanoseconds: Int64

    init(seed: UInt64, start: Timestamp, resolutionNanoseconds: Int64 = 1) {
        rng = SplitMix(seed: seed)
        startNanoseconds = start.nanosecondsSinceEpoch
        self.resolutionNanoseconds = resolutionNanoseconds
        let specs: [(String, Kind, Double, Int64)] = [
            ("rapl:intel-rapl:0", .package, 45, 8_000), ("rapl:intel-rapl:1", .package, 40, 14_000),
            ("rapl:intel-rapl:0:2", .dram, 6, 20_000), ("rapl:intel-rapl:1:2", .dram, 5, 26_000),
            ("nvml:GPU-0", .gpu, 62, 120_000), ("nvml:GPU-1", .gpu, 70, 260_000),
            ("nvml:GPU-2", .gpu, 85, 400_000), ("nvml:GPU-3", .gpu, 88, 540_000),
        ]
        for (id, kind, watts, offset) in specs {
            var counter = EnergyCounter(range: kind == .gpu ? nil : Self.raplRangeMicrojoules)
            _ = counter.update(0)
            channels.append(
                Channel(
                    id: DomainID(id), kind: kind, basePowerWatts: watts, counter: counter,
                    lastEndNanoseconds: start.nanosecondsSinceEpoch - 1_000_000_000 + offset,
                    readOffsetNanoseconds: offset))
        }
    }

    var domains: [Domain] {
        channels.map { channel in
            switch channel.kind {
            case .package:
                Domain(
                    id: channel.id, kind: .package, name: "package", source: "rapl", method: .energyCounter,
                    counterRangeMicrojoules: Self.raplRangeMicrojoules, location: channel.id.rawValue)
            case .dram:
                Domain(
                    id: channel.id, kind: .dram, name: "dram", source: "rapl", method: .energyCounter,
                    counterRangeMicrojoules: Self.raplRangeMicrojoules, location: channel.id.rawValue)
            case .gpu:
                Domain(
                    id: channel.id, kind: .gpu, name: "NVIDIA H100", source: "nvml", method: .energyCounter,
                    location: channel.id.rawValue)
            }
        }
    }

    /// The samples of the next second, one per domain.
    mutating func tick() -> [EnergySample] {
        second += 1
        // The scheduler wakes 20 µs + an exponential tail (mean 60 µs) after its deadline.
        let wake = startNanoseconds + second * 1_000_000_000 + 20_000 + Int64(-60_000 * log(1 - rng.unit()))
        cpuLoad = min(1, max(0, cpuLoad + (rng.unit() - 0.5) * 0.02))
        let busyGPUs = Double(channels.filter { $0.burstSecondsLeft > 0 }.count)
        var samples: [EnergySample] = []
        samples.reserveCapacity(channels.count)
        for index in channels.indices {
            let jitter = Int64(rng.unit() * 4_000)
            let end = round(wake + channels[index].readOffsetNanoseconds + jitter)
            // Wall and monotonic clocks are read a few tens of ns apart.
            let elapsed = round(end - channels[index].lastEndNanoseconds + Int64(rng.unit() * 80) - 40)
            channels[index].lastEndNanoseconds = end
            var channel = channels[index]
            let watts = power(&channel, busyGPUs: busyGPUs)
            samples.append(read(&channel, watts: watts, elapsedNanoseconds: elapsed, end: end))
            channels[index] = channel
        }
        return samples
    }

    private func round(_ nanoseconds: Int64) -> Int64 {
        resolutionNanoseconds == 1 ? nanoseconds : nanoseconds / resolutionNanoseconds * resolutionNanoseconds
    }

    private mutating func power(_ channel: inout Channel, busyGPUs: Double) -> Double {
        switch channel.kind {
        case .package:
            return channel.basePowerWatts + 110 * cpuLoad + 12 * busyGPUs + rng.normal() * 2
        case .dram:
            return channel.basePowerWatts + 9 * cpuLoad + 1.5 * busyGPUs + rng.normal() * 0.3
        case .gpu:
            if channel.burstSecondsLeft > 0 {
                channel.burstSecondsLeft -= 1
                return channel.burstWatts + rng.normal() * 25
            }
            if rng.unit() < 1.0 / 150 {
                channel.burstSecondsLeft = 5 + Int(rng.unit() * 115)
                channel.burstWatts = 300 + rng.unit() * 400
            }
            return channel.basePowerWatts + rng.normal() * 1.5
        }
    }

    private func read(_ channel: inout Channel, watts: Double, elapsedNanoseconds: Int64, end: Int64) -> EnergySample {
        let joules = max(0, watts) * Double(elapsedNanoseconds) / 1e9
        let reading: UInt64
        switch channel.kind {
        case .package, .dram:
            // The MSR counts 2^-14 J units in 32 bits; powercap shows raw · 61035 / 1000 µJ.
            channel.counterUnits += joules * 16_384
            let raw = UInt64(floor(channel.counterUnits)) & 0xFFFF_FFFF
            reading = raw * 61_035 / 1_000
        case .gpu:
            channel.counterUnits += joules * 1_000
            reading = UInt64(floor(channel.counterUnits)) * 1_000
        }
        let delta = channel.counter.update(reading)
        var wrapped = false
        if case .wrappedDelta = delta { wrapped = true }
        return EnergySample(
            domain: channel.id, end: Timestamp(nanosecondsSinceEpoch: end), elapsed: .nanoseconds(elapsedNanoseconds),
            energy: delta.energy ?? .zero, wrapped: wrapped)
    }
}

/// SplitMix64 with uniform and normal draws.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double { sqrt(-2 * log(max(unit(), 1e-300))) * cos(2 * .pi * unit()) }
}
