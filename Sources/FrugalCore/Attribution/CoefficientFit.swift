/// Learns each model's energy per prompt token and per completion token from
/// the measured signal itself: over many intervals of the accelerators that
/// serve several models, the dynamic energy is regressed on the tokens each
/// model processed in the interval (prompt tokens spread over prefill,
/// completion tokens over decode), with non-negative coefficients.
///
/// Token counts alone misattribute when models share a GPU: a 24B model's
/// token costs several times an 8B's. The fitted coefficients weight tokens
/// by what they cost, and come with their standard errors.
public enum CoefficientFit {
    public struct Result: Sendable {
        public var coefficients: [String: ModelCoefficients]
        /// The decode batch exponent γ that fits best (see `AttributionPolicy`).
        public var decodeBatchExponent: Double
        public var intervals: Int
        public var rSquared: Double
    }

    /// The exponents tried for γ: from none to full sharing, with the H100 value.
    public static let exponents: [Double] = [0, 0.25, 0.5, 0.75, 0.87, 1]

    /// Fits the coefficients for each candidate γ and keeps the best fit.
    public static func fit(
        samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy
    ) -> Result? {
        exponents.compactMap {
            fit(samples: samples, domains: domains, requests: requests, policy: policy, exponent: $0)
        }
        .max { $0.rSquared < $1.rSquared }
    }

    /// Fits over the token-weighted domains of `domains`; intervals of the
    /// same end instant are summed across domains that serve the same models.
    /// Models with too little data keep no coefficient (α weighting applies).
    /// Fits the coefficients for one decode batch exponent γ.
    public static func fit(
        samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy,
        exponent: Double
    ) -> Result? {
        let tokenDomains = domains.filter { policy.policy(for: $0).key == .tokens }
        guard !tokenDomains.isEmpty else { return nil }
        let models = Array(Set(requests.map(\.model))).sorted()
        let index = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        // Features are raw token counts: coefficients are joules per token.
        let neutral = AttributionPolicy(promptTokenWeight: 1, logClockOffset: policy.logClockOffset)
        let work = requests.sorted { $0.start < $1.start }.filter {
            $0.promptTokens != nil && $0.completionTokens != nil
        }
        // One intercept per domain (its idle power, W) besides the per-model
        // coefficients: E_k = P0_d·Δt_k + Σ_m (β_p,m·prompt_m,k + β_d,m·completion_m,k).
        let unknowns = 2 * models.count + tokenDomains.count
        var solver = NonNegativeLeastSquares(unknowns: unknowns)
        let byDomain = Dictionary(grouping: samples, by: \.domain)
        for (d, domain) in tokenDomains.enumerated() {
            let domainPolicy = policy.policy(for: domain)
            let intervals = (byDomain[domain.id] ?? []).sorted { $0.end < $1.end }
            let served = work.filter { domainPolicy.serves($0.model) }
            var rows = FeatureRows(requests: served, policy: neutral, modelIndex: index, exponent: exponent)
            for interval in intervals {
                var x = rows.features(for: interval) ?? [Double](repeating: 0, count: 2 * models.count)
                var energy = interval.energy.joules
                if let idle = domainPolicy.idlePower {
                    energy -= min(interval.energy, idle.energy(over: interval.elapsed)).joules
                    x.append(contentsOf: [Double](repeating: 0, count: tokenDomains.count))
                } else {
                    x.append(
                        contentsOf: (0..<tokenDomains.count).map {
                            $0 == d ? Double(interval.elapsed.nanoseconds) / 1e9 : 0
                        })
                }
                solver.add(x, y: energy)
            }
        }
        guard solver.rows >= 4 * models.count else { return nil }
        let solution = solver.solve()
        var coefficients: [String: ModelCoefficients] = [:]
        for (model, m) in index where solution.coefficients[2 * m + 1] > 0 {
            coefficients[model] = ModelCoefficients(
                prefillJoulesPerToken: solution.coefficients[2 * m],
                decodeJoulesPerToken: solution.coefficients[2 * m + 1],
                prefillStandardError: solution.standardErrors[2 * m],
                decodeStandardError: solution.standardErrors[2 * m + 1])
        }
        return Result(
            coefficients: coefficients, decodeBatchExponent: exponent, intervals: solver.rows,
            rSquared: solution.rSquared)
    }
}

/// Per interval, the prompt tokens and the batch-scaled completion tokens
/// each model processed.
struct FeatureRows {
    let work: [RequestWork]
    let modelIndex: [String: Int]
    let exponent: Double
    private var next = 0
    private var active: [Int] = []

    /// `policy` must weigh tokens one for one (no coefficients, α = 1).
    init(requests: [RequestRecord], policy: AttributionPolicy, modelIndex: [String: Int], exponent: Double) {
        work = requests.map { RequestWork($0, offset: policy.logClockOffset, policy: policy) }
        self.modelIndex = modelIndex
        self.exponent = exponent
    }

    /// [prompt_m0, completion_m0·b^−γ, prompt_m1, …] in the interval; nil when no request ran.
    mutating func features(for interval: EnergySample) -> [Double]? {
        let a = interval.start.nanosecondsSinceEpoch
        let b = interval.end.nanosecondsSinceEpoch
        while next < work.count && work[next].start <= b {
            active.append(next)
            next += 1
        }
        active.removeAll { work[$0].end <= a }
        guard !active.isEmpty else { return nil }
        var x = [Double](repeating: 0, count: 2 * modelIndex.count)
        var decoding: Int64 = 0
        for r in active {
            let parts = work[r].tokenParts(from: a, to: b)
            decoding += parts.decodeNanoseconds
            guard let m = modelIndex[work[r].model] else { continue }
            x[2 * m] += parts.prefill
            x[2 * m + 1] += parts.decode
        }
        let factor = TokenWeights.scale(decodingNanoseconds: decoding, interval: b - a, exponent: exponent)
        for m in 0..<modelIndex.count { x[2 * m + 1] *= factor }
        return x
    }
}
