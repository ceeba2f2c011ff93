#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        /// `policy` with what the fit learned: coefficients, γ, and how pools share work.
        public func applied(to policy: AttributionPolicy) -> AttributionPolicy {
            var learned = policy
            learned.coefficients = coefficients
            learned.decodeBatchExponent = decodeBatchExponent
            learned.poolsAreReplicas = poolsAreReplicas
            return learned
        }

        public var coefficients: [String: ModelCoefficients]
        /// The decode batch exponent γ that fits best (see `AttributionPolicy`).
        public var decodeBatchExponent: Double
        /// Whether pooled accelerators fit best as replicas or as one
        /// tensor-parallel group (see `AttributionPolicy.poolsAreReplicas`).
        public var poolsAreReplicas: Bool = true
        public var intervals: Int
        public var rSquared: Double
    }

    /// The exponents tried for γ: from none to full sharing, with the H100 value.
    public static let exponents: [Double] = [0, 0.25, 0.5, 0.75, 0.87, 1]

    /// Fits the coefficients for each candidate γ, and with pooled
    /// accelerators taken as replicas and as tensor-parallel groups, and
    /// keeps the best fit. The rows are laid out once; each candidate only
    /// rescales their decode columns.
    public static func fit(
        samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy
    ) -> Result? {
        guard let table = FitTable(samples: samples, domains: domains, requests: requests, policy: policy) else {
            return nil
        }
        var candidates: [Result] = []
        for replicas in table.hasPools ? [true, false] : [true] {
            for exponent in exponents {
                if var found = table.solve(exponent: exponent, replicas: replicas) {
                    found.poolsAreReplicas = replicas
                    candidates.append(found)
                }
            }
        }
        return candidates.max { $0.rSquared < $1.rSquared }
    }

    /// Fits the coefficients for one decode batch exponent γ, over the
    /// token-weighted domains of `domains`; intervals of the same end instant
    /// are summed across domains that serve the same models (a pool, see
    /// `PoolSweep`), whose decode concurrency is divided among them when
    /// `policy.poolsAreReplicas`. Models with too little data keep no
    /// coefficient (α weighting applies).
    public static func fit(
        samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy,
        exponent: Double
    ) -> Result? {
        FitTable(samples: samples, domains: domains, requests: requests, policy: policy)?
            .solve(exponent: exponent, replicas: policy.poolsAreReplicas)
    }
}

/// The regression's rows before γ is chosen: per pool and instant, the
/// measured energy (J, configured idle removed), each model's prompt and
/// completion tokens, the intercept columns (seconds, one per domain whose
/// idle power is estimated), and the decode concurrency.
///
/// E_k = Σ_d P0_d·Δt_d,k + Σ_m (β_p,m·prompt_m,k + β_d,m·completion_m,k·b_k^−γ).
struct FitTable {
    let models: [String]
    let domainCount: Int
    let hasPools: Bool
    private(set) var y: [Double] = []
    /// Per row: 2 per model (prompt, completion), then one per domain.
    private(set) var x: [Double] = []
    private(set) var decodingNanoseconds: [Double] = []
    private(set) var lengthNanoseconds: [Double] = []
    private(set) var poolSize: [Int] = []

    init?(samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy) {
        let tokenDomains = domains.filter { policy.policy(for: $0).key == .tokens }
        guard !tokenDomains.isEmpty else { return nil }
        models = Array(Set(requests.map(\.model))).sorted()
        domainCount = tokenDomains.count
        let index = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        // Features are raw token counts: coefficients are joules per token.
        let neutral = AttributionPolicy(promptTokenWeight: 1, logClockOffset: policy.logClockOffset)
        let work = requests.sorted { $0.start < $1.start }.filter {
            $0.promptTokens != nil && $0.completionTokens != nil
        }
        let byDomain = Attributor.group(samples)
        let column = Dictionary(uniqueKeysWithValues: tokenDomains.enumerated().map { ($1.id, $0) })
        let pools = Attributor(policy: policy).pools(tokenDomains)
        hasPools = pools.contains { $0.count > 1 }
        for pool in pools {
            let domainPolicy = policy.policy(for: pool[0])
            var rows = FeatureRows(
                requests: work.filter { domainPolicy.serves($0) }, policy: neutral, modelIndex: index)
            var instants: [Int64: (interval: EnergySample, y: Double, x: [Double])] = [:]
            for domain in pool {
                let memberPolicy = policy.policy(for: domain)
                for interval in byDomain[domain.id] ?? [] {
                    let end = interval.end.nanosecondsSinceEpoch
                    var entry = instants[end] ?? (interval, 0, [Double](repeating: 0, count: tokenDomains.count))
                    entry.y += interval.energy.joules
                    if let idle = memberPolicy.idlePower {
                        entry.y -= min(interval.energy, idle.energy(over: interval.elapsed)).joules
                    } else {
                        entry.x[column[domain.id]!] += Double(interval.elapsed.nanoseconds) / 1e9
                    }
                    instants[end] = entry
                }
            }
            for end in instants.keys.sorted() {
                let entry = instants[end]!
                let features = rows.features(for: entry.interval)
                y.append(entry.y)
                x.append(contentsOf: features?.tokens ?? [Double](repeating: 0, count: 2 * models.count))
                x.append(contentsOf: entry.x)
                decodingNanoseconds.append(Double(features?.decodingNanoseconds ?? 0))
                lengthNanoseconds.append(Double(entry.interval.elapsed.nanoseconds))
                poolSize.append(pool.count)
            }
        }
    }

    /// The non-negative least-squares fit for one γ and one reading of pools.
    func solve(exponent: Double, replicas: Bool) -> CoefficientFit.Result? {
        let width = 2 * models.count + domainCount
        var solver = NonNegativeLeastSquares(unknowns: width)
        var row = [Double](repeating: 0, count: width)
        for k in y.indices {
            let batch = decodingNanoseconds[k] / Double(replicas ? poolSize[k] : 1) / max(lengthNanoseconds[k], 1)
            let factor = batch > 1 && exponent != 0 ? pow(batch, -exponent) : 1
            for j in 0..<width { row[j] = x[k * width + j] }
            for m in 0..<models.count { row[2 * m + 1] *= factor }
            solver.add(row, y: y[k])
        }
        guard solver.rows >= 4 * models.count else { return nil }
        let solution = solver.solve()
        var coefficients: [String: ModelCoefficients] = [:]
        for (m, model) in models.enumerated() where solution.coefficients[2 * m + 1] > 0 {
            coefficients[model] = ModelCoefficients(
                prefillJoulesPerToken: solution.coefficients[2 * m],
                decodeJoulesPerToken: solution.coefficients[2 * m + 1],
                prefillStandardError: solution.standardErrors[2 * m],
                decodeStandardError: solution.standardErrors[2 * m + 1])
        }
        return CoefficientFit.Result(
            coefficients: coefficients, decodeBatchExponent: exponent, poolsAreReplicas: replicas,
            intervals: solver.rows, rSquared: solution.rSquared)
    }
}

/// Per interval, the prompt and completion tokens each model processed, and
/// how long requests were decoding there (ns, summed).
struct FeatureRows {
    let work: [RequestWork]
    let modelIndex: [String: Int]
    private var next = 0
    private var active: [Int] = []

    /// `policy` must weigh tokens one for one (no coefficients, α = 1).
    init(requests: [RequestRecord], policy: AttributionPolicy, modelIndex: [String: Int]) {
        work = requests.map { RequestWork($0, offset: policy.logClockOffset, policy: policy) }
        self.modelIndex = modelIndex
    }

    /// [prompt_m0, completion_m0, prompt_m1, …] in the interval; nil when no request ran.
    mutating func features(for interval: EnergySample) -> (tokens: [Double], decodingNanoseconds: Int64)? {
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
        return (x, decoding)
    }
}
