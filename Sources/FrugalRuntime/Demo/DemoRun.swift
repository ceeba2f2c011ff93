import FrugalCore
import FrugalStore

/// `frugal demo`: a simulated hour of a GPU inference host, sampled by the
/// real readers and stored in SQLite, summed back from the store.
public enum DemoRun {
    /// What the demo measured, per domain, read back from the store.
    public struct Summary: Sendable {
        public struct Row: Sendable {
            public var domain: Domain
            public var energy: Energy
            public var averagePower: Power
            public var samples: Int
        }

        public var databasePath: String
        public var duration: Duration
        public var start: Timestamp
        public var rows: [Row]
        public var gaps: Int
    }

    /// The demo's first instant: Monday 12 October 2026, 08:00 in Paris (06:00 UTC).
    public static let start = Timestamp(secondsSinceEpoch: 1_791_784_800)

    /// Runs the simulated host for `seconds` and stores every sample.
    /// - Parameter progress: called with the seconds done, every tenth of the run.
    public static func run(
        entry: String, databasePath: String, seconds: Int, gpuCount: Int = 4, seed: UInt64 = 2026,
        progress: (Int) -> Void = { _ in }
    ) throws -> Summary {
        let host = try DemoHost(entry: entry, seconds: seconds, gpuCount: gpuCount, seed: seed, start: start)
        let clock = FixedClock(time: SampleTime(wall: start, monotonic: .zero))
        let sink = try StoreSink(path: databasePath, host: "demo-gpu-01", clock: clock)
        let sampler = Sampler(sources: host.sources(), policy: SamplerPolicy(interval: .seconds(1)))
        let first = sampler.start(at: clock.time)
        try sink.register(domains: first.newDomains)
        for second in 1...seconds {
            try host.advance(to: second)
            clock.time = clock.time.advanced(by: .seconds(1))
            let batch = sampler.tick(at: clock.time)
            try sink.register(domains: batch.newDomains)
            try sink.append(samples: batch.samples, gaps: batch.gaps)
            if second % 60 == 0 || second == seconds { try sink.flush() }
            if second % max(seconds / 10, 1) == 0 { progress(second) }
        }
        try sink.append(samples: [], gaps: sampler.finish(at: clock.time))
        try sink.flush()
        let summary = try summarize(sink.store, domains: sampler.domains, seconds: seconds, path: databasePath)
        try sink.close()
        return summary
    }

    private static func summarize(_ store: SQLiteStore, domains: [Domain], seconds: Int, path: String) throws -> Summary
    {
        let end = start + .seconds(Int64(seconds) + 1)
        var gaps = 0
        let rows = try domains.map { domain in
            let usage = try store.usage(domain: domain.id, from: start, to: end)
            gaps += try store.gaps(domain: domain.id, from: start, to: end).count
            let average = usage.energy.averagePower(over: .seconds(Int64(seconds))) ?? .zero
            return Summary.Row(domain: domain, energy: usage.energy, averagePower: average, samples: usage.sampleCount)
        }
        return Summary(databasePath: path, duration: .seconds(Int64(seconds)), start: start, rows: rows, gaps: gaps)
    }
}

/// A clock the demo and tests set by hand.
final class FixedClock: SampleClock, @unchecked Sendable {
    // Set and read by the one task that runs the demo.
    var time: SampleTime

    init(time: SampleTime) { self.time = time }

    func now() -> SampleTime { time }
    func sleep(until deadline: Duration, or stop: StopSignal) throws { time.monotonic = max(time.monotonic, deadline) }
}
