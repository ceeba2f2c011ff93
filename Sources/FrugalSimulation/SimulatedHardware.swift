/// The machine: GPUs and CPU packages with their DRAM.
public struct SimulatedHardware: Codable, Sendable, Hashable {
    public var gpus: [SimulatedGPU]
    public var cpuPackages: [SimulatedCPUPackage]

    public init(gpus: [SimulatedGPU], cpuPackages: [SimulatedCPUPackage]) {
        self.gpus = gpus
        self.cpuPackages = cpuPackages
    }
}

/// One GPU. Its NVML-like counter has millijoule resolution and no wrap.
public struct SimulatedGPU: Codable, Sendable, Hashable {
    /// The UUID NVML reports; the domain is `nvml:<uuid>`.
    public var uuid: String
    public var name: String
    /// Power with the model loaded and nothing to do, W (H100 SXM: ~75 W).
    public var idlePowerWatts: Double
    /// Board power limit, W (H100 SXM: 700 W): dynamic power is capped at
    /// `maxPowerWatts − idlePowerWatts`.
    public var maxPowerWatts: Double
    /// The model this GPU is reserved for; nil: it serves every model that
    /// has no pinned GPU (models share it).
    public var pinnedModel: String?
    /// The engine's concurrency limit (vLLM `max_num_seqs`); more requests wait.
    public var maxConcurrentRequests: Int
    /// Standard deviation of the power noise, W (AR(1) process per step).
    public var noiseWatts: Double
    /// Correlation time of the noise, seconds.
    public var noiseCorrelationSeconds: Double
    /// How concurrent decoding requests share power (see `BatchingCurve`).
    public var decodeBatching: BatchingCurve
    /// How concurrent prefills share power; compute-bound, so nearly linear.
    public var prefillBatching: BatchingCurve

    public init(
        uuid: String, name: String = "NVIDIA H100 80GB HBM3", idlePowerWatts: Double = 75, maxPowerWatts: Double = 700,
        pinnedModel: String? = nil, maxConcurrentRequests: Int = 64, noiseWatts: Double = 4,
        noiseCorrelationSeconds: Double = 0.2, decodeBatching: BatchingCurve = .decodeMLEnergy,
        prefillBatching: BatchingCurve = .linear
    ) {
        self.uuid = uuid
        self.name = name
        self.idlePowerWatts = idlePowerWatts
        self.maxPowerWatts = maxPowerWatts
        self.pinnedModel = pinnedModel
        self.maxConcurrentRequests = maxConcurrentRequests
        self.noiseWatts = noiseWatts
        self.noiseCorrelationSeconds = noiseCorrelationSeconds
        self.decodeBatching = decodeBatching
        self.prefillBatching = prefillBatching
    }
}

/// One CPU socket with the DRAM attached to it, as RAPL shows them: a
/// package counter and a DRAM counter, both wrapping at `counterRangeMicrojoules`.
public struct SimulatedCPUPackage: Codable, Sendable, Hashable {
    public var idlePowerWatts: Double
    /// Power each request in flight on the host adds to this package, W
    /// (HTTP, tokenisation, the engine's scheduler loop).
    public var perRequestPowerWatts: Double
    public var dramIdlePowerWatts: Double
    public var dramPerRequestPowerWatts: Double
    public var noiseWatts: Double
    public var dramNoiseWatts: Double
    /// `max_energy_range_uj` of the package and DRAM zones.
    public var counterRangeMicrojoules: UInt64

    public init(
        idlePowerWatts: Double = 70, perRequestPowerWatts: Double = 1.5, dramIdlePowerWatts: Double = 12,
        dramPerRequestPowerWatts: Double = 0.4, noiseWatts: Double = 1.5, dramNoiseWatts: Double = 0.3,
        counterRangeMicrojoules: UInt64 = 262_143_328_850
    ) {
        self.idlePowerWatts = idlePowerWatts
        self.perRequestPowerWatts = perRequestPowerWatts
        self.dramIdlePowerWatts = dramIdlePowerWatts
        self.dramPerRequestPowerWatts = dramPerRequestPowerWatts
        self.noiseWatts = noiseWatts
        self.dramNoiseWatts = dramNoiseWatts
        self.counterRangeMicrojoules = counterRangeMicrojoules
    }
}
