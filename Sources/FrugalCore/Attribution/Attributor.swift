/// Splits the energy measured in each interval of each domain among the
/// requests that were running, keeping idle and dynamic energy apart and the
/// books exact (see ARCHITECTURE.md, "Attribution").
///
/// For interval k of domain d with measured energy E and length Δt:
/// 1. idle `I = min(E, P0(d)·Δt)`, dynamic `D = E − I`;
/// 2. each request r that d serves and that ran in (start, end] of k gets a
///    weight a(r,k): token work (or coefficient-weighted joules) on
///    accelerators, running time on CPU and memory;
/// 3. D is split in proportion to the weights by largest remainder, so the
///    parts add up to D exactly; with no request, D stays unattributed;
/// 4. over the window, each domain's idle energy goes to its requests in
///    proportion to their dynamic energy there (the full-cost view).
public struct Attributor: Sendable {
    public let policy: AttributionPolicy

    public init(policy: AttributionPolicy) { self.policy = policy }

    /// Attributes `samples` (any order, any domains among `domains`) to `requests`.
    public func attribute(samples: [EnergySample], domains: [Domain], requests: [RequestRecord]) -> AttributionResult {
        // Callers mostly pass requests already in order: no copy then.
        let inOrder = zip(requests, requests.dropFirst()).allSatisfy { ($0.start, $0.id) <= ($1.start, $1.id) }
        let sortedRequests = inOrder ? requests : requests.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let work = sortedRequests.map { RequestWork($0, offset: policy.logClockOffset, policy: policy) }
        let byDomain = Self.group(samples)
        var methodOf: [String: String] = [:]
        for model in policy.coefficients.keys { methodOf[model] = "tokens+coefficients" }
        var result = AttributionResult(
            domains: domains, requests: sortedRequests, dynamic: [], idle: [],
            methods: sortedRequests.map { methodOf[$0.model] ?? "tokens" }, ledgers: [])
        var usedTime = [Bool](repeating: false, count: work.count)
        var usedTokens = [Bool](repeating: false, count: work.count)
        var outcomes: [DomainID: (dynamic: [Int64], ledger: DomainLedger)] = [:]
        for pool in pools(domains) {
            let domainPolicy = policy.policy(for: pool[0])
            let served = Self.served(work, by: domainPolicy)
            let members = pool.map { domain -> PoolSweep.Member in
                var intervals = byDomain[domain.id] ?? []
                if !zip(intervals, intervals.dropFirst()).allSatisfy({ $0.end <= $1.end }) {
                    intervals.sort { $0.end < $1.end }
                }
                let sweep = DomainSweep(
                    work: work, policy: domainPolicy, served: served, decodeBatchExponent: policy.decodeBatchExponent)
                let (idlePower, source) = IdleEstimator.idlePower(
                    of: intervals, activity: domainPolicy.idlePower == nil ? sweep.activity(intervals) : nil,
                    policy: domainPolicy, percentile: policy.idlePercentile)
                return PoolSweep.Member(domain: domain, intervals: intervals, idlePower: idlePower, idleSource: source)
            }
            let placement =
                members.count > 1 && policy.infersReplicas && policy.poolsAreReplicas
                ? assignReplicas(members, work: work, served: served, policy: domainPolicy) : nil
            if members.count == 1 || placement != nil {
                for (m, member) in members.enumerated() {
                    var sweep = DomainSweep(
                        work: work, policy: domainPolicy, served: served,
                        decodeBatchExponent: policy.decodeBatchExponent)
                    sweep.placement = placement.map { ($0.member, Int32(m)) }
                    let ledger = sweep.run(
                        member.intervals, idlePower: member.idlePower, idleSource: member.idleSource,
                        domain: member.domain.id)
                    merge(&usedTime, sweep.usedTime)
                    merge(&usedTokens, sweep.usedTokens)
                    outcomes[member.domain.id] = (sweep.dynamic, ledger)
                }
            } else {
                var pooled = PoolSweep(
                    work: work, policy: domainPolicy, served: served, decodeBatchExponent: policy.decodeBatchExponent)
                pooled.replicas = policy.poolsAreReplicas ? members.count : 1
                for (member, outcome) in zip(members, pooled.run(members)) {
                    merge(&usedTime, outcome.usedTime)
                    merge(&usedTokens, outcome.usedTokens)
                    outcomes[member.domain.id] = (outcome.dynamic, outcome.ledger)
                }
            }
        }
        var scratch = LargestRemainder.Scratch()
        var weights: [Double] = []
        for domain in domains {
            let (dynamic, ledger) = outcomes[domain.id]!
            var allocation = [Int64](repeating: 0, count: work.count)
            weights.removeAll(keepingCapacity: true)
            for part in dynamic { weights.append(Double(part)) }
            let allocated = LargestRemainder.split(
                ledger.idle.microjoules, by: weights, into: &allocation, scratch: &scratch)
            var finished = ledger
            finished.idleAllocated = allocated ? ledger.idle : .zero
            result.dynamic.append(dynamic)
            result.idle.append(allocated ? allocation : [Int64](repeating: 0, count: work.count))
            result.ledgers.append(finished)
        }
        for index in work.indices where usedTime[index] {
            result.methods[index] = usedTokens[index] ? "tokens and time" : "time"
        }
        return result
    }
}

extension Attributor {
    /// Per request: whether the domain serves it, looked up once per model
    /// and backend, not per request.
    static func served(_ work: [RequestWork], by policy: DomainPolicy) -> [Bool] {
        let mapped = !policy.upstreams.isEmpty || !policy.foreignUpstreams.isEmpty
        var known: [ServedKey: Bool] = [:]
        return work.map { request in
            let key = ServedKey(model: request.model, upstream: mapped ? request.upstream : nil)
            if let answer = known[key] { return answer }
            let answer = policy.serves(key.model, upstream: key.upstream)
            known[key] = answer
            return answer
        }
    }

    private struct ServedKey: Hashable {
        var model: String
        var upstream: String?
    }

    /// Places each request of a pool of replicas on the member whose signal
    /// it explains (see `ReplicaAssignment`); nil when that cannot be done
    /// (members sampled at different instants, requests without tokens).
    func assignReplicas(
        _ members: [PoolSweep.Member], work: [RequestWork], served: [Bool], policy domainPolicy: DomainPolicy
    ) -> ReplicaAssignment? {
        let grid = members[0].intervals
        guard domainPolicy.key == .tokens, let first = grid.first?.start.nanosecondsSinceEpoch,
            let last = grid.last?.end.nanosecondsSinceEpoch
        else { return nil }
        let inWindow = work.indices.filter { served[$0] && work[$0].end > first && work[$0].start <= last }
        // A placement is one unknown per request and replica but one: with
        // fewer than four observations per unknown it fits noise, not load.
        guard !inWindow.isEmpty, 4 * inWindow.count * (members.count - 1) <= grid.count * members.count,
            members.allSatisfy({ $0.intervals.count == grid.count }),
            members.allSatisfy({ zip($0.intervals, grid).allSatisfy { $0.end == $1.end && $0.elapsed == $1.elapsed } })
        else { return nil }
        let dynamic = members.map { member in
            member.intervals.map { interval in
                let measured = interval.energy.microjoules
                let idle = min(measured, max(member.idlePower.energy(over: interval.elapsed).microjoules, 0))
                return Double(measured - idle)
            }
        }
        let starts = grid.map { $0.start.nanosecondsSinceEpoch }
        let ends = grid.map { $0.end.nanosecondsSinceEpoch }
        guard
            let found = ReplicaAssignment(
                starts: starts, ends: ends, dynamic: dynamic, work: work, pool: inWindow,
                exponent: policy.decodeBatchExponent),
            found.placedError <= 0.5 * found.spreadError
        else { return nil }
        return found
    }

    /// Token-weighted domains that serve the same models form one pool (see
    /// `PoolSweep`); every other domain is a pool of its own. In domain order.
    func pools(_ domains: [Domain]) -> [[Domain]] {
        var pools: [[Domain]] = []
        var index: [DomainPolicy: Int] = [:]
        for domain in domains {
            var key = policy.policy(for: domain)
            guard key.key == .tokens else {
                pools.append([domain])
                continue
            }
            key.idlePower = nil  // members may idle differently and still share the work
            if let existing = index[key] {
                pools[existing].append(domain)
            } else {
                index[key] = pools.count
                pools.append([domain])
            }
        }
        return pools
    }
}

extension Attributor {
    /// Samples by domain, each domain's in the order given; a trace written
    /// domain by domain groups in one comparison per sample.
    static func group(_ samples: [EnergySample]) -> [DomainID: [EnergySample]] {
        var groups: [DomainID: [EnergySample]] = [:]
        var runStart = 0
        while runStart < samples.count {
            let domain = samples[runStart].domain
            var runEnd = runStart + 1
            while runEnd < samples.count && samples[runEnd].domain == domain { runEnd += 1 }
            groups[domain, default: []].append(contentsOf: samples[runStart..<runEnd])
            runStart = runEnd
        }
        return groups
    }
}

private func merge(_ into: inout [Bool], _ other: [Bool]) {
    for index in into.indices where other[index] { into[index] = true }
}
