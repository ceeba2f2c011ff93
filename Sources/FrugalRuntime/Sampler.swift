import FrugalCore
import FrugalProbes

/// What one tick of the sampler produced.
public struct SampleBatch: Sendable {
    public var time: SampleTime
    public var samples: [EnergySample] = []
    public var gaps: [SampleGap] = []
    /// Domains whose read failed this tick, with why (for metrics and logs).
    public var failures: [DomainID: ProbeFailure] = [:]
    /// Domains seen for the first time this tick (to register in the store).
    public var newDomains: [Domain] = []

    public init(time: SampleTime) {
        self.time = time
    }

    /// Empties the batch for a new tick, keeping its storage.
    public mutating func reset(time: SampleTime) {
        self.time = time
        samples.removeAll(keepingCapacity: true)
        gaps.removeAll(keepingCapacity: true)
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
        if !newDomains.isEmpty { newDomains.removeAll(keepingCapacity: true) }
    }
}

/// Reads every source on each tick and turns counter readings into energy
/// samples and gaps. It owns time: sources only answer what their counters
/// read now; the sampler stamps, differences and classifies.
///
/// Not thread-safe: one task owns a sampler (sources hold open files).
public final class Sampler {
    public let policy: SamplerPolicy
    private let sources: [any PowerSource]
    private var trackers: [DomainTracker] = []
    private var trackerIndex: [DomainID: Int] = [:]
    /// Per source, the domains its last discovery found, in a stable order,
    /// their trackers, and the buffer its reads go into (reused every tick).
    private var discovered: [[DomainID]]
    private var slots: [[Int]]
    private var readings: [[Result<Reading, ProbeFailure>]]
    /// Trackers of domains that the last rediscovery no longer lists.
    private var vanished: [Int] = []
    public private(set) var discovery = Discovery()
    private var ticks = 0

    public init(sources: [any PowerSource], policy: SamplerPolicy) {
        self.sources = sources
        self.policy = policy
        self.discovered = Array(repeating: [], count: sources.count)
        self.slots = Array(repeating: [], count: sources.count)
        self.readings = Array(repeating: [], count: sources.count)
    }

    /// Every domain known so far, sorted by id.
    public var domains: [Domain] { trackers.map(\.domain).sorted { $0.id < $1.id } }

    /// Discovers the domains and takes the first reading of each (no energy yet).
    @discardableResult
    public func start(at time: SampleTime) -> SampleBatch {
        var batch = SampleBatch(time: time)
        rediscover(into: &batch)
        read(at: time, into: &batch)
        return batch
    }

    /// Reads every domain and returns the samples and gaps since the last tick.
    public func tick(at time: SampleTime) -> SampleBatch {
        var batch = SampleBatch(time: time)
        tick(at: time, into: &batch)
        return batch
    }

    /// `tick(at:)` into `batch`, emptied first and its storage reused: the
    /// daemon's loop keeps one batch, so a steady tick allocates nothing.
    public func tick(at time: SampleTime, into batch: inout SampleBatch) {
        batch.reset(time: time)
        ticks += 1
        let someAbsent = trackers.contains { $0.isAbsent }
        if ticks % max(policy.rediscoverEveryTicks, 1) == 0 || someAbsent {
            rediscover(into: &batch)
        }
        read(at: time, into: &batch)
    }

    /// Closes the gaps of domains still failing, so a shutdown records them.
    public func finish(at time: SampleTime) -> [SampleGap] {
        trackers.compactMap { $0.openGap(at: time) }.sorted { $0.domain < $1.domain }
    }

    private func rediscover(into batch: inout SampleBatch) {
        var merged = Discovery()
        var listed = [Bool](repeating: false, count: trackers.count)
        for (index, source) in sources.enumerated() {
            let found = source.discover()
            merged = merged + found
            discovered[index] = found.domains.map(\.id)
            slots[index] = found.domains.map { domain in
                if let existing = trackerIndex[domain.id] {
                    listed[existing] = true
                    return existing
                }
                trackers.append(DomainTracker(domain: domain))
                trackerIndex[domain.id] = trackers.count - 1
                listed.append(true)
                batch.newDomains.append(domain)
                return trackers.count - 1
            }
        }
        vanished = listed.indices.filter { !listed[$0] }
        discovery = merged
    }

    private func read(at time: SampleTime, into batch: inout SampleBatch) {
        for (index, source) in sources.enumerated() {
            source.read(discovered[index], into: &readings[index])
            precondition(readings[index].count == slots[index].count, "\(source.name) returned the wrong count")
            for (position, tracker) in slots[index].enumerated() {
                observe(tracker, readings[index][position], at: time, into: &batch)
            }
        }
        // Domains that a rediscovery no longer lists have vanished.
        for tracker in vanished {
            let id = trackers[tracker].domain.id
            observe(tracker, .failure(ProbeFailure(.absent, "\(id) is no longer on the host")), at: time, into: &batch)
        }
    }

    private func observe(
        _ index: Int, _ result: Result<Reading, ProbeFailure>, at time: SampleTime, into batch: inout SampleBatch
    ) {
        if case .failure(let failure) = result { batch.failures[trackers[index].domain.id] = failure }
        switch trackers[index].observe(result, at: time, policy: policy) {
        case .nothing: break
        case .sample(let sample): batch.samples.append(sample)
        case .gap(let gap): batch.gaps.append(gap)
        }
    }
}
