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
        let sortedRequests = requests.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let work = sortedRequests.map { RequestWork($0, offset: policy.logClockOffset, policy: policy) }
        let byDomain = Dictionary(grouping: samples, by: \.domain)
        var result = AttributionResult(
            domains: domains, requests: sortedRequests, dynamic: [], idle: [],
            methods: sortedRequests.map { policy.coefficients[$0.model] != nil ? "tokens+coefficients" : "tokens" },
            ledgers: [])
        var usedTime = [Bool](repeating: false, count: work.count)
        var usedTokens = [Bool](repeating: false, count: work.count)
        var outcomes: [DomainID: (dynamic: [Int64], ledger: DomainLedger)] = [:]
        for pool in pools(domains) {
            let domainPolicy = policy.policy(for: pool[0])
            let members = pool.map { domain -> PoolSweep.Member in
                let intervals = (byDomain[domain.id] ?? []).sorted { $0.end < $1.end }
                let sweep = DomainSweep(
                    work: work, policy: domainPolicy, decodeBatchExponent: policy.decodeBatchExponent)
                let (idlePower, source) = IdleEstimator.idlePower(
                    of: intervals, activity: domainPolicy.idlePower == nil ? sweep.activity(intervals) : nil,
                    policy: domainPolicy, percentile: policy.idlePercentile)
                return PoolSweep.Member(domain: domain, intervals: intervals, idlePower: idlePower, idleSource: source)
            }
            if members.count == 1 {
                var sweep = DomainSweep(
                    work: work, policy: domainPolicy, decodeBatchExponent: policy.decodeBatchExponent)
                let member = members[0]
                let ledger = sweep.run(
                    member.intervals, idlePower: member.idlePower, idleSource: member.idleSource,
                    domain: member.domain.id)
                merge(&usedTime, sweep.usedTime)
                merge(&usedTokens, sweep.usedTokens)
                outcomes[member.domain.id] = (sweep.dynamic, ledger)
            } else {
                let pooled = PoolSweep(
                    work: work, policy: domainPolicy, decodeBatchExponent: policy.decodeBatchExponent)
                for (member, outcome) in zip(members, pooled.run(members)) {
                    merge(&usedTime, outcome.usedTime)
                    merge(&usedTokens, outcome.usedTokens)
                    outcomes[member.domain.id] = (outcome.dynamic, outcome.ledger)
                }
            }
        }
        for domain in domains {
            let (dynamic, ledger) = outcomes[domain.id]!
            var allocation = [Int64](repeating: 0, count: work.count)
            let allocated = LargestRemainder.split(
                ledger.idle.microjoules, by: dynamic.map(Double.init), into: &allocation)
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

private func merge(_ into: inout [Bool], _ other: [Bool]) {
    for index in into.indices where other[index] { into[index] = true }
}

/// The sweep over one domain's intervals, with the set of running requests.
struct DomainSweep {
    let work: [RequestWork]
    let policy: DomainPolicy
    let decodeBatchExponent: Double
    private(set) var dynamic: [Int64]
    private(set) var usedTime: [Bool]
    private(set) var usedTokens: [Bool]

    init(work: [RequestWork], policy: DomainPolicy, decodeBatchExponent: Double = 0) {
        self.work = work
        self.policy = policy
        self.decodeBatchExponent = decodeBatchExponent
        dynamic = [Int64](repeating: 0, count: work.count)
        usedTime = [Bool](repeating: false, count: work.count)
        usedTokens = [Bool](repeating: false, count: work.count)
    }

    mutating func run(_ intervals: [EnergySample], idlePower: Power, idleSource: String, domain: DomainID)
        -> DomainLedger
    {
        var ledger = DomainLedger(
            domain: domain, measured: .zero, idle: .zero, attributed: .zero, unattributed: .zero, idleAllocated: .zero,
            idlePower: idlePower, idlePowerSource: idleSource, intervals: intervals.count, timeFallbackIntervals: 0)
        var parts: [Int64] = []
        var dynamicOut = dynamic
        var usedTimeOut = usedTime
        var usedTokensOut = usedTokens
        forEachInterval(intervals) { interval, active, weights, byTime in
            let measured = interval.energy.microjoules
            let idle = min(measured, max(idlePower.energy(over: interval.elapsed).microjoules, 0))
            let dynamicEnergy = measured - idle
            ledger.measured += interval.energy
            ledger.idle += Energy(microjoules: idle)
            if byTime && policy.key == .tokens && !active.isEmpty { ledger.timeFallbackIntervals += 1 }
            guard dynamicEnergy > 0, LargestRemainder.split(dynamicEnergy, by: weights, into: &parts) else {
                ledger.unattributed += Energy(microjoules: dynamicEnergy)
                return
            }
            for (slot, index) in active.enumerated() where parts[slot] > 0 {
                dynamicOut[index] += parts[slot]
                if byTime { usedTimeOut[index] = true } else { usedTokensOut[index] = true }
            }
            ledger.attributed += Energy(microjoules: dynamicEnergy)
        }
        dynamic = dynamicOut
        usedTime = usedTimeOut
        usedTokens = usedTokensOut
        return ledger
    }

    /// The activity of each interval: the sum of its requests' weights, in
    /// token work or request-nanoseconds (for the idle-power regression).
    func activity(_ intervals: [EnergySample]) -> [Double] {
        var sums: [Double] = []
        sums.reserveCapacity(intervals.count)
        forEachInterval(intervals) { _, _, weights, byTime in
            // Token work and time are not commensurable: an interval that fell
            // back to time says only whether something ran.
            sums.append(byTime && policy.key == .tokens ? (weights.isEmpty ? 0 : .nan) : weights.reduce(0, +))
        }
        return sums
    }

    /// Walks the intervals in time order with the requests running in each
    /// (a, b] and their weights.
    func forEachInterval(
        _ intervals: [EnergySample], _ body: (EnergySample, [Int], [Double], Bool) -> Void
    ) {
        var next = 0
        var active: [Int] = []
        var weights: [Double] = []
        for interval in intervals {
            let a = interval.start.nanosecondsSinceEpoch
            let b = interval.end.nanosecondsSinceEpoch
            while next < work.count && work[next].start <= b {
                if serves(work[next]) { active.append(next) }
                next += 1
            }
            active.removeAll { work[$0].end <= a }
            let byTime = policy.key == .requestTime || active.contains { !work[$0].hasTokens }
            weights.removeAll(keepingCapacity: true)
            if byTime {
                for index in active { weights.append(work[index].timeWeight(from: a, to: b)) }
            } else {
                TokenWeights.fill(&weights, active: active, work: work, from: a, to: b, exponent: decodeBatchExponent)
            }
            body(interval, active, weights, byTime)
        }
    }

    private func serves(_ request: RequestWork) -> Bool {
        policy.serves(request.model)
    }
}
