import FrugalCore

/// What a simulation produced: the host's domains, the counter readings, the
/// requests as they ran and were logged, and the true energy of each.
public struct SimulationResult: Sendable {
    public let scenario: SimulationScenario
    /// GPUs first (scenario order), then per CPU package its package and DRAM zones.
    public let domains: [SimulatedDomain]
    /// In log order (by logged end); `requests[i].index == i`.
    public let requests: [SimulatedRequest]
    /// Counter value (µJ, as the hardware shows it: offset, wrapped) per
    /// domain, per sample: `counterReadings[d][k]` is read at `sampleTime(k)`.
    public let counterReadings: [[UInt64]]
    public let truth: GroundTruth

    /// Number of readings per domain (samples + 1: the window's both ends).
    public var readingCount: Int { counterReadings.first?.count ?? 0 }

    /// When reading `k` is taken.
    public func sampleTime(_ k: Int) -> Timestamp {
        scenario.start + .milliseconds(Int64(k) * Int64(scenario.sampleIntervalMilliseconds))
    }
}

/// A power domain of the simulated host, as the probes would report it.
public struct SimulatedDomain: Sendable, Hashable {
    public var domain: Domain
    /// The configured idle power, W (what the attribution's P0 would be set to).
    public var idlePowerWatts: Double
    /// The counter's resolution, µJ (1000 for an NVML-like GPU counter).
    public var resolutionMicrojoules: Int64
}

/// The energy truth of a run, in integer microjoules. For every domain d:
///
///     idle(d) + Σ_r request(r, d) = total(d) = unwrapped last − first reading
///
/// exactly.
public struct GroundTruth: Sendable {
    /// Per request (same order as `SimulationResult.requests`), its dynamic
    /// energy on each domain that served it, by domain order.
    public var requests: RequestShares
    /// Per domain (same order as `SimulationResult.domains`).
    public var domains: [DomainTruth]

    /// A request's total dynamic energy over all domains.
    public func totalMicrojoules(request index: Int) -> Int64 { requests[index].reduce(0) { $0 + $1.microjoules } }
}

/// Every request's shares, stored flat (a month holds millions of requests):
/// `shares[i]` is request i's row.
public struct RequestShares: RandomAccessCollection, Sendable {
    private let offsets: [Int]
    private let storage: [DomainShare]

    init(offsets: [Int], storage: [DomainShare]) {
        self.offsets = offsets
        self.storage = storage
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }
    public subscript(index: Int) -> ArraySlice<DomainShare> { storage[offsets[index]..<offsets[index + 1]] }
}

/// Energy a request drew on one domain.
public struct DomainShare: Sendable, Hashable {
    /// Index into `SimulationResult.domains`.
    public var domain: Int
    public var microjoules: Int64
}

/// The books of one domain over the window.
public struct DomainTruth: Sendable, Hashable {
    /// What the counter advanced, unwrapped: last − first reading.
    public var totalMicrojoules: Int64
    /// Energy drawn while nothing ran plus the idle baseline while something
    /// ran (`total − Σ requests`).
    public var idleMicrojoules: Int64
    /// Σ of the requests' dynamic energy on this domain.
    public var requestsMicrojoules: Int64
    /// Idle power × window: what a perfect P0 estimate would remove.
    public var idleBaselineMicrojoules: Int64
    /// How many times the counter wrapped.
    public var wraps: Int
}
