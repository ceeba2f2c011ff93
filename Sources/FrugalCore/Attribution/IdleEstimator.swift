/// The idle power P0 of a domain: configured, or estimated from the data.
///
/// Two estimates, the lower kept:
/// - a low percentile of the domain's power (the quietest intervals are idle
///   ones) — right when the window holds quiet periods;
/// - the intercept of a regression of each interval's energy on its activity
///   (`E_k ≈ P0·Δt_k + γ·a_k`) — right when the window is busy throughout,
///   where the percentile only finds the floor of the load.
/// Batching makes power concave in load, which biases the intercept upwards:
/// taking the lower of the two keeps each where it is reliable.
public enum IdleEstimator {
    /// - Parameter activity: per interval, the sum of the running requests'
    ///   weights (NaN where the interval's weights are not comparable).
    /// - Returns: the idle power and a note on where it came from.
    public static func idlePower(
        of intervals: [EnergySample], activity: [Double]? = nil, policy: DomainPolicy, percentile: Double
    ) -> (Power, String) {
        if let configured = policy.idlePower { return (configured, "configured") }
        let powers = intervals.compactMap { $0.energy.averagePower(over: $0.elapsed)?.microwatts }.sorted()
        guard !powers.isEmpty else { return (.zero, "no intervals") }
        let rank = min(Int((Double(powers.count - 1) * percentile).rounded(.down)), powers.count - 1)
        let low = Power(microwatts: powers[rank])
        let label = "p\(Int((percentile * 100).rounded())) of \(powers.count) intervals"
        guard let activity, let intercept = intercept(intervals, activity), intercept < low else { return (low, label) }
        return (intercept, "regression intercept over \(intervals.count) intervals (\(label): \(Int(low.watts)) W)")
    }

    /// P0 from `E_k ≈ P0·Δt_k + γ·a_k`, when the data can tell it.
    static func intercept(_ intervals: [EnergySample], _ activity: [Double]) -> Power? {
        guard activity.count == intervals.count, intervals.count >= 30 else { return nil }
        var solver = NonNegativeLeastSquares(unknowns: 2)
        var busy = 0
        for (interval, a) in zip(intervals, activity) where a.isFinite {
            if a > 0 { busy += 1 }
            solver.add([Double(interval.elapsed.nanoseconds) / 1e9, a], y: interval.energy.joules)
        }
        guard busy >= 10, solver.rows >= 30 else { return nil }
        let fit = solver.solve()
        guard fit.rSquared >= 0.5, fit.coefficients[0] > 0, fit.coefficients[1] > 0 else { return nil }
        return Power(watts: fit.coefficients[0])
    }
}
