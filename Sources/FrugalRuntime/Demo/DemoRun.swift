import Foundation
import FrugalCore
import FrugalIngest
import FrugalSimulation
import FrugalStore

/// `frugal demo`: simulated hours of a GPU inference host serving four models
/// to five communes, run through the whole pipeline as a daemon would: the
/// real readers sample the host into SQLite, the real tailer ingests its
/// gateway log as lines arrive, and live attribution splits each quarter
/// hour's energy among the requests once the watermark has passed it. The
/// simulator knows every request's true energy: the demo ends by comparing.
public enum DemoRun {
    /// The demo's first instant: Monday 12 October 2026, 08:00 in Paris (06:00 UTC).
    public static let start = Timestamp(secondsSinceEpoch: 1_791_784_800)
    public static let host = "demo-gpu-01"

    public struct Options: Sendable {
        public var entry: String
        public var directory: String
        public var seconds: Int
        public var seed: UInt64

        public init(entry: String, directory: String, seconds: Int, seed: UInt64 = 2026) {
            self.entry = entry
            self.directory = directory
            self.seconds = seconds
            self.seed = seed
        }

        public var databasePath: String { directory + "/frugal.db" }
        public var logPath: String { directory + "/litellm.log" }
    }

    /// What the run reports as it goes.
    public enum Event: Sendable {
        case simulated(requests: Int, gpus: Int)
        case progress(seconds: Int)
        case window(WindowOutcome)
    }

    /// The scenario: the `many-models` preset (two GPUs pinned to Llama 8B and
    /// Mistral Small 24B, two shared by Qwen3 8B and Gemma 3 27B), from the demo's start.
    public static func scenario(seconds: Int, seed: UInt64) -> SimulationScenario {
        var scenario = SimulationScenario.presets["many-models"]!
        scenario.name = "demo"
        scenario.start = start
        scenario.durationSeconds = seconds
        scenario.seed = seed
        scenario.sampleIntervalMilliseconds = 1_000
        scenario.host = host
        return scenario
    }

    /// The configuration a daemon on this host would have: the pinned GPUs
    /// and the backends each GPU runs.
    public static func config(for simulation: SimulationResult, databasePath: String) -> FrugalConfig {
        var config = FrugalConfig()
        config.hostName = host
        config.store = "sqlite:" + databasePath
        config.describeAccelerators(of: simulation)
        return config
    }

    public static func run(_ options: Options, events: (Event) -> Void = { _ in }) throws -> DemoSummary {
        let simulation = try Simulation.run(scenario(seconds: options.seconds, seed: options.seed))
        events(.simulated(requests: simulation.requests.count, gpus: simulation.scenario.hardware.gpus.count))
        let config = config(for: simulation, databasePath: options.databasePath)
        let demoHost = try DemoHost(entry: options.entry, simulation: simulation)
        let clock = FixedClock(time: SampleTime(wall: start, monotonic: .zero))
        let sink = try StoreSink(path: options.databasePath, host: host, clock: clock)
        let sampler = Sampler(sources: demoHost.sources(), policy: SamplerPolicy(interval: .seconds(1)))
        try sink.register(domains: sampler.start(at: clock.time).newDomains)
        var gateway = try GatewayLog(path: options.logPath, simulation: simulation)
        let ingest = try IngestRun(
            path: options.logPath, store: sink.store, options: IngestRun.Options(format: .litellm, host: host),
            now: start)
        let live = try LiveAttribution(store: sink.store, host: host, config: config)
        var windows: [WindowOutcome] = []
        for second in 1...options.seconds {
            try demoHost.advance(to: second)
            clock.time = clock.time.advanced(by: .seconds(1))
            let now = clock.time.wall
            let batch = sampler.tick(at: clock.time)
            try sink.register(domains: batch.newDomains)
            try sink.append(samples: batch.samples, gaps: batch.gaps)
            try gateway.write(through: now)
            if second % 60 == 0 {
                try sink.flush()
                try ingest.catchUp(now: now)
                for outcome in try live.step(now: now) {
                    windows.append(outcome)
                    events(.window(outcome))
                }
            }
            if second % max(options.seconds / 10, 1) == 0 { events(.progress(seconds: second)) }
        }
        try sink.append(samples: [], gaps: sampler.finish(at: clock.time))
        try sink.flush()
        try gateway.write(through: .init(nanosecondsSinceEpoch: .max))
        try ingest.catchUp(now: clock.time.wall)
        // The host stops: every window that ended gets its turn.
        for outcome in try live.step(now: clock.time.wall + .seconds(3_600)) {
            windows.append(outcome)
            events(.window(outcome))
        }
        let summary = try DemoSummary.make(
            store: sink.store, simulation: simulation, options: options, windows: windows,
            domains: sampler.domains, ingest: ingest.totals)
        try sink.close()
        return summary
    }
}

/// The simulated gateway's log, written line by line as requests end.
struct GatewayLog {
    private let simulation: SimulationResult
    private let handle: FileHandle
    private var next = 0

    init(path: String, simulation: SimulationResult) throws {
        self.simulation = simulation
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
    }

    /// Appends the lines of the requests logged by `now`.
    mutating func write(through now: Timestamp) throws {
        var text = ""
        while next < simulation.requests.count, simulation.requests[next].loggedEnd <= now {
            text += simulation.logLine(simulation.requests[next], format: .litellm) + "\n"
            next += 1
        }
        if !text.isEmpty { try handle.write(contentsOf: Data(text.utf8)) }
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
