import FrugalCore

/// Everything that defines a simulated inference host and its traffic: the
/// hardware, the models it serves, the communes that call it, and how the
/// logs and counters are written. The same scenario and seed give the same
/// bytes on every machine.
///
/// Physical parameters are plain `Double`s with their unit in the name
/// (`idlePowerWatts`): a scenario is an input file written by people, and the
/// engine converts to integer microjoules at its edge (the truth and the
/// counters).
public struct SimulationScenario: Codable, Sendable, Hashable {
    /// A name for reports (`light-pinned`).
    public var name: String
    /// Instant of the first counter reading (UTC).
    public var start: Timestamp
    /// Length of the simulated window, seconds. Requests that would end after
    /// the window are not generated, so the window holds whole requests only.
    public var durationSeconds: Int
    /// Seed of every random draw (arrivals, lengths, noise, jitter).
    public var seed: UInt64
    /// Resolution of the power model, milliseconds (10 by default): the
    /// noise changes once per step; activity changes at exact nanoseconds.
    public var stepMilliseconds: Int
    /// Interval between two counter readings, milliseconds (1000 by default);
    /// a multiple of the step that divides the window.
    public var sampleIntervalMilliseconds: Int
    /// The host name written into the logs and truth.
    public var host: String
    public var hardware: SimulatedHardware
    public var models: [SimulatedModel]
    public var tenants: [SimulatedTenant]
    public var logs: LogBehaviour

    public init(
        name: String, start: Timestamp, durationSeconds: Int, seed: UInt64, stepMilliseconds: Int = 10,
        sampleIntervalMilliseconds: Int = 1000, host: String = "gpu-node-1", hardware: SimulatedHardware,
        models: [SimulatedModel], tenants: [SimulatedTenant], logs: LogBehaviour = LogBehaviour()
    ) {
        self.name = name
        self.start = start
        self.durationSeconds = durationSeconds
        self.seed = seed
        self.stepMilliseconds = stepMilliseconds
        self.sampleIntervalMilliseconds = sampleIntervalMilliseconds
        self.host = host
        self.hardware = hardware
        self.models = models
        self.tenants = tenants
        self.logs = logs
    }

    /// The model with this name, if the scenario serves it.
    public func model(named name: String) -> SimulatedModel? { models.first { $0.name == name } }
}

/// How the gateway writes its logs, and how far they are from the truth.
public struct LogBehaviour: Codable, Sendable, Hashable {
    /// Standard deviation of the Gaussian shift of each logged start, first
    /// token and end stamp, milliseconds (the gateway stamps when its event
    /// loop gets to it, not when the GPU did the work).
    public var jitterMilliseconds: Double
    /// Share of streamed requests whose first-token time the log lacks
    /// (an older gateway, a proxy that buffers the stream).
    public var missingFirstTokenShare: Double
    /// Offset of the gateway's clock from the sampler's, milliseconds
    /// (positive: the log is ahead). Applied to every logged stamp.
    public var clockOffsetMilliseconds: Double
    /// Mean time between the gateway receiving a request and the engine
    /// starting it (network, auth, tokenisation), milliseconds.
    public var gatewayOverheadMilliseconds: Double
    /// Share of requests that fail after their prefill (HTTP 500, no
    /// completion tokens).
    public var failureShare: Double
    /// Grid intensity used for the gateway's own (EcoLogits-style) CO2e
    /// estimate in the Albert log, kgCO2e/kWh. EcoLogits' FRA mix: 0.04144.
    public var estimateGridKilogramsPerKilowattHour: Double

    public init(
        jitterMilliseconds: Double = 3, missingFirstTokenShare: Double = 0, clockOffsetMilliseconds: Double = 0,
        gatewayOverheadMilliseconds: Double = 6, failureShare: Double = 0.005,
        estimateGridKilogramsPerKilowattHour: Double = 0.04144
    ) {
        self.jitterMilliseconds = jitterMilliseconds
        self.missingFirstTokenShare = missingFirstTokenShare
        self.clockOffsetMilliseconds = clockOffsetMilliseconds
        self.gatewayOverheadMilliseconds = gatewayOverheadMilliseconds
        self.failureShare = failureShare
        self.estimateGridKilogramsPerKilowattHour = estimateGridKilogramsPerKilowattHour
    }
}
