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
}

/// Reads every source on each tick and turns counter readings into energy
/// samples and gaps. It owns time: sources only answer what their counters
/// read now; the sampler stamps, differences and classifies.
///
/// Not thread-safe: one task owns a sampler (sources hold open files).
public final class Sampler {
    public let policy: SamplerPolicy
    private let sources: [any PowerSource]
    private var trackers: [DomainID: DomainTracker] = [:]
    /// Per source, the domains its last discovery found, in a stable order.
    private var discovered: [[DomainID]]
    public private(set) var discovery = Discovery()
    private var ticks = 0

    public init(sources: [any PowerSource], policy: SamplerPolicy) {
        self.sources = sources
        self.policy = policy
        self.discovered = Array(repeating: [], count: sources.count)
    }

    /// Every domain known so far, sorted by id.
    public var domains: [Domain] { trackers.values.map(\.domain).sorted { $0.id < $1.id } }

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
        ticks += 1
        var batch = SampleBatch(time: time)
        let someAbsent = trackers.values.contains { $0.failing?.failure.kind == .absent }
        if ticks % max(policy.rediscoverEveryTicks, 1) == 0 || someAbsent {
            rediscover(into: &batch)
        }
        read(at: time, into: &batch)
        return batch
    }

    /// Closes the gaps of domains still failing, so a shutdown records them.
    public func finish(at time: SampleTime) -> [SampleGap] {
        trackers.values.compactMap { $0.openGap(at: time) }.sorted { $0.domain < $1.domain }
    }

    private func rediscover(into batch: inout SampleBatch) {
        var merged = Discovery()
        for (index, source) in sources.enumerated() {
            let found = source.discover()
            merged = merged + found
            discovered[index] = found.domains.map(\.id)
            for domain in found.domains where trackers[domain.id] == nil {
                trackers[domain.id] = DomainTracker(domain: domain)
                batch.newDomains.append(domain)
            }
        }
        discovery = merged
    }

    private func read(at time: SampleTime, into batch: inout SampleBatch) {
        var seen = Set<DomainID>()
        for (index, source) in sources.enumerated() {
            let readings = source.read()
            for id in discovered[index] {
                seen.insert(id)
                let result = readings[id] ?? .failure(ProbeFailure(.absent, "\(source.name) no longer reports \(id)"))
                observe(id, result, at: time, into: &batch)
            }
        }
        // Domains that a rediscovery no longer lists have vanished.
        for id in trackers.keys where !seen.contains(id) {
            observe(id, .failure(ProbeFailure(.absent, "\(id) is no longer on the host")), at: time, into: &batch)
        }
    }

    private func observe(
        _ id: DomainID, _ result: Result<Reading, ProbeFailure>, at time: SampleTime, into batch: inout SampleBatch
    ) {
        guard var tracker = trackers[id] else { return }
        if case .failure(let failure) = result { batch.failures[id] = failure }
        switch tracker.observe(result, at: time, policy: policy) {
        case .nothing: break
        case .sample(let sample): batch.samples.append(sample)
        case .gap(let gap): batch.gaps.append(gap)
        }
        trackers[id] = tracker
    }
}
