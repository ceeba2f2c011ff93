import FrugalCore

/// The power an inference host draws, second by second, from a seeded model:
/// each GPU alternates between serving (batched requests: high, noisy power)
/// and waiting (idle power); the CPUs follow the GPUs' load.
///
/// It stands in for a real host in `frugal demo`; the figures are of the order
/// measured on H100 servers (idle ~70 W, serving 350–650 W per GPU).
public struct DemoWorkload {
    public let gpuCount: Int
    private var random: SplitMix64
    private var busy: [Bool]

    public init(gpuCount: Int, seed: UInt64) {
        self.gpuCount = gpuCount
        self.random = SplitMix64(seed: seed)
        self.busy = Array(repeating: false, count: gpuCount)
    }

    /// One second of the host: the mean power of each GPU and each RAPL zone kind.
    public struct Second {
        public var gpus: [Power]
        public var package: Power
        public var core: Power
        public var uncore: Power
        public var dram: Power
    }

    public mutating func next() -> Second {
        var gpus: [Power] = []
        for index in 0..<gpuCount {
            // Bursts last ~40 s, pauses ~25 s on average.
            let flip = busy[index] ? 1.0 / 40 : 1.0 / 25
            if random.unit() < flip { busy[index].toggle() }
            let watts = busy[index] ? 350 + 300 * random.unit() : 62 + 10 * random.unit()
            gpus.append(Power(watts: watts))
        }
        let load = Double(busy.filter { $0 }.count) / Double(max(gpuCount, 1))
        let core = 20 + 60 * load + 8 * random.unit()
        let uncore = 4 + 2 * random.unit()
        return Second(
            gpus: gpus, package: Power(watts: core + uncore + 25 + 5 * random.unit()), core: Power(watts: core),
            uncore: Power(watts: uncore), dram: Power(watts: 7 + 6 * load + random.unit()))
    }
}
