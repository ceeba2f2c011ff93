/// The sweep over one domain's intervals, with the set of running requests.
struct DomainSweep {
    let work: [RequestWork]
    let policy: DomainPolicy
    let decodeBatchExponent: Double
    /// Per work index: whether this domain serves the request (its model or its backend).
    let served: [Bool]
    private(set) var dynamic: [Int64]
    private(set) var usedTime: [Bool]
    private(set) var usedTokens: [Bool]
    /// When the domain is one replica of a pool: each request's replica, and this one's.
    var placement: (member: [Int32], index: Int32)?
    /// Replicas splitting the load when the sweep is a pool's: the batch of
    /// each is the pool's decode concurrency divided among them.
    var replicas = 1

    init(work: [RequestWork], policy: DomainPolicy, served: [Bool]? = nil, decodeBatchExponent: Double = 0) {
        self.work = work
        self.policy = policy
        self.served = served ?? Attributor.served(work, by: policy)
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
        var scratch = LargestRemainder.Scratch()
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
            guard dynamicEnergy > 0, LargestRemainder.split(dynamicEnergy, by: weights, into: &parts, scratch: &scratch)
            else {
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
        var decodeParts: [Double] = []
        for interval in intervals {
            let a = interval.start.nanosecondsSinceEpoch
            let b = interval.end.nanosecondsSinceEpoch
            while next < work.count && work[next].start <= b {
                if serves(next) { active.append(next) }
                next += 1
            }
            active.removeAll { work[$0].end <= a }
            let byTime = policy.key == .requestTime || active.contains { !work[$0].hasTokens }
            weights.removeAll(keepingCapacity: true)
            if byTime {
                for index in active { weights.append(work[index].timeWeight(from: a, to: b)) }
            } else {
                TokenWeights.fill(
                    &weights, active: active, work: work, from: a, to: b, exponent: decodeBatchExponent,
                    replicas: replicas, scratch: &decodeParts)
            }
            body(interval, active, weights, byTime)
        }
    }

    private func serves(_ index: Int) -> Bool {
        if let placement, placement.member[index] != placement.index { return false }
        return served[index]
    }
}
