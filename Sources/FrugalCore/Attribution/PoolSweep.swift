/// Accelerators that serve the same models (replicas behind one load
/// balancer, a tensor-parallel group) are split as one pool: a gateway log
/// does not say which replica served a request, so splitting each GPU on its
/// own would turn the replicas' momentary load imbalance into error.
///
/// Per instant, the members' dynamic energies are summed and split among the
/// pool's requests by weight (largest remainder); each member's own dynamic
/// energy is then shared among the requests in proportion to their pool
/// shares, again by largest remainder, so every member's books stay exact.
struct PoolSweep {
    let work: [RequestWork]
    let policy: DomainPolicy
    /// Per work index: whether the pool serves the request's model.
    let served: [Bool]
    let decodeBatchExponent: Double
    /// Members sharing the pool's decode concurrency: their count for
    /// replicas, 1 for a tensor-parallel group.
    var replicas = 1

    struct Member {
        var domain: Domain
        var intervals: [EnergySample]
        var idlePower: Power
        var idleSource: String
    }

    /// Per member: the dynamic µJ per request and the ledger.
    func run(_ members: [Member]) -> [(dynamic: [Int64], ledger: DomainLedger, usedTime: [Bool], usedTokens: [Bool])] {
        var ledgers = members.map { member in
            DomainLedger(
                domain: member.domain.id, measured: .zero, idle: .zero, attributed: .zero, unattributed: .zero,
                idleAllocated: .zero, idlePower: member.idlePower, idlePowerSource: member.idleSource,
                intervals: member.intervals.count, timeFallbackIntervals: 0)
        }
        let (pooled, perInstant) = instants(members, ledgers: &ledgers)
        var dynamic = [[Int64]](repeating: [Int64](repeating: 0, count: work.count), count: members.count)
        var usedTime = [Bool](repeating: false, count: work.count)
        var usedTokens = [Bool](repeating: false, count: work.count)
        var shares: [Int64] = []
        var parts: [Int64] = []
        var sweep = DomainSweep(work: work, policy: policy, served: served, decodeBatchExponent: decodeBatchExponent)
        sweep.replicas = replicas
        var scratch = LargestRemainder.Scratch()
        var shareWeights: [Double] = []
        var position = 0
        sweep.forEachInterval(pooled) { interval, active, weights, byTime in
            let entries = perInstant[position]
            position += 1
            let total = interval.energy.microjoules
            guard total > 0, LargestRemainder.split(total, by: weights, into: &shares, scratch: &scratch) else {
                for entry in entries { ledgers[entry.member].unattributed += Energy(microjoules: entry.dynamic) }
                return
            }
            if byTime && policy.key == .tokens {
                for entry in entries { ledgers[entry.member].timeFallbackIntervals += 1 }
            }
            shareWeights.removeAll(keepingCapacity: true)
            for share in shares { shareWeights.append(Double(share)) }
            for entry in entries {
                guard entry.dynamic > 0,
                    LargestRemainder.split(entry.dynamic, by: shareWeights, into: &parts, scratch: &scratch)
                else {
                    ledgers[entry.member].unattributed += Energy(microjoules: entry.dynamic)
                    continue
                }
                for (slot, index) in active.enumerated() where parts[slot] > 0 {
                    dynamic[entry.member][index] += parts[slot]
                }
                ledgers[entry.member].attributed += Energy(microjoules: entry.dynamic)
            }
            for (slot, index) in active.enumerated() where shares[slot] > 0 {
                if byTime { usedTime[index] = true } else { usedTokens[index] = true }
            }
        }
        return members.indices.map { (dynamic[$0], ledgers[$0], usedTime, usedTokens) }
    }

    /// The pooled intervals in time order, and each member's dynamic energy
    /// at each; books each member's measured and idle energy on the way.
    private func instants(_ members: [Member], ledgers: inout [DomainLedger]) -> (
        [EnergySample], [[(member: Int, dynamic: Int64)]]
    ) {
        var perInstant: [Int64: [(member: Int, dynamic: Int64)]] = [:]
        var pooled: [Int64: EnergySample] = [:]
        for (m, member) in members.enumerated() {
            for interval in member.intervals {
                let measured = interval.energy.microjoules
                let idle = min(measured, max(member.idlePower.energy(over: interval.elapsed).microjoules, 0))
                ledgers[m].measured += interval.energy
                ledgers[m].idle += Energy(microjoules: idle)
                let end = interval.end.nanosecondsSinceEpoch
                perInstant[end, default: []].append((m, measured - idle))
                var sum =
                    pooled[end]
                    ?? EnergySample(
                        domain: interval.domain, end: interval.end, elapsed: interval.elapsed, energy: .zero)
                sum.energy += Energy(microjoules: measured - idle)
                sum.elapsed = max(sum.elapsed, interval.elapsed)
                pooled[end] = sum
            }
        }
        let ordered = pooled.values.sorted { $0.end < $1.end }
        return (ordered, ordered.map { perInstant[$0.end.nanosecondsSinceEpoch]! })
    }
}
