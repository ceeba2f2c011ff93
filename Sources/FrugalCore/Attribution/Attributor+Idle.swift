extension Attributor {
    /// The idle power each domain would get from `attribute` over these
    /// samples and requests: configured, or estimated (low percentile, or the
    /// regression intercept when the data is busy throughout). Live
    /// attribution estimates it over a trailing window longer than the one
    /// it attributes, then attributes with it fixed.
    public func idlePowers(samples: [EnergySample], domains: [Domain], requests: [RequestRecord]) -> [DomainID: (
        power: Power, source: String
    )] {
        let sortedRequests = requests.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        let work = sortedRequests.map { RequestWork($0, offset: policy.logClockOffset, policy: policy) }
        let byDomain = Dictionary(grouping: samples, by: \.domain)
        var powers: [DomainID: (power: Power, source: String)] = [:]
        for domain in domains {
            let domainPolicy = policy.policy(for: domain)
            let intervals = (byDomain[domain.id] ?? []).sorted { $0.end < $1.end }
            let sweep = DomainSweep(work: work, policy: domainPolicy, decodeBatchExponent: policy.decodeBatchExponent)
            let (power, source) = IdleEstimator.idlePower(
                of: intervals, activity: domainPolicy.idlePower == nil ? sweep.activity(intervals) : nil,
                policy: domainPolicy, percentile: policy.idlePercentile)
            powers[domain.id] = (power, source)
        }
        return powers
    }
}
