/// The idle power P0 of a domain: configured, or estimated as a low
/// percentile of its measured power (the quietest intervals are idle ones).
public enum IdleEstimator {
    /// - Returns: the idle power and a note on where it came from.
    public static func idlePower(of intervals: [EnergySample], policy: DomainPolicy, percentile: Double) -> (
        Power, String
    ) {
        if let configured = policy.idlePower { return (configured, "configured") }
        let powers = intervals.compactMap { $0.energy.averagePower(over: $0.elapsed)?.microwatts }.sorted()
        guard !powers.isEmpty else { return (.zero, "no intervals") }
        let rank = min(Int((Double(powers.count - 1) * percentile).rounded(.down)), powers.count - 1)
        let label = "p\(Int((percentile * 100).rounded())) of \(powers.count) intervals"
        return (Power(microwatts: powers[rank]), label)
    }
}
