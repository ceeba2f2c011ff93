/// What a domain's dynamic energy is split by.
public enum WeightingKey: String, Hashable, Sendable, Codable {
    /// Token work: prompt tokens over [start, first token], completion tokens
    /// over [first token, end]; the fit for accelerators.
    case tokens
    /// Time each request was running in the interval; the fit for CPU and DRAM,
    /// which serve every request and the gateway around it.
    case requestTime = "request_time"
}

/// How one power domain's energy is attributed.
public struct DomainPolicy: Hashable, Sendable {
    public var key: WeightingKey
    /// The configured idle power P0; nil means estimate it from the data.
    public var idlePower: Power?
    /// The models this domain serves (a GPU pinned to a model); nil means it
    /// serves every request on the host but those of `excludedModels`.
    public var models: Set<String>?
    /// Models this domain never serves: those with accelerators of their own,
    /// for an accelerator that is not pinned.
    public var excludedModels: Set<String>
    /// The backends this accelerator runs (`[attribution.upstream]`, keys as
    /// `Upstream.key` makes them): a request logged with one of them is
    /// served here whatever its model. Requests logged without a known
    /// backend fall back to `models` and `excludedModels`.
    public var upstreams: Set<String>
    /// Backends that run on other accelerators: a request logged with one of
    /// them is never served here.
    public var foreignUpstreams: Set<String>

    public init(
        key: WeightingKey, idlePower: Power? = nil, models: Set<String>? = nil, excludedModels: Set<String> = [],
        upstreams: Set<String> = [], foreignUpstreams: Set<String> = []
    ) {
        self.key = key
        self.idlePower = idlePower
        self.models = models
        self.excludedModels = excludedModels
        self.upstreams = upstreams
        self.foreignUpstreams = foreignUpstreams
    }

    /// Whether this domain serves requests to `model` logged without a known backend.
    public func serves(_ model: String) -> Bool {
        (models?.contains(model) ?? true) && !excludedModels.contains(model)
    }

    /// Whether this domain serves a request to `model` that the gateway sent
    /// to `upstream` (an `Upstream.key`, nil when not logged): the backend
    /// decides when it is mapped, the model otherwise.
    public func serves(_ model: String, upstream: String?) -> Bool {
        if let upstream {
            if upstreams.contains(upstream) { return true }
            if foreignUpstreams.contains(upstream) { return false }
        }
        return serves(model)
    }

    /// Whether this domain serves `request`.
    public func serves(_ request: RequestRecord) -> Bool {
        serves(
            request.model,
            upstream: upstreams.isEmpty && foreignUpstreams.isEmpty ? nil : Upstream.key(request.upstream))
    }

    /// The default for a kind: tokens for accelerators, request time for the rest.
    public static func defaults(for kind: DomainKind) -> DomainPolicy {
        DomainPolicy(key: kind == .gpu ? .tokens : .requestTime)
    }
}

/// Per-model energy per token, learned from the measured signal (see
/// `CoefficientFit`) or configured: how much one prompt token and one
/// completion token of this model cost on the GPU, in joules.
public struct ModelCoefficients: Hashable, Sendable, Codable {
    public var prefillJoulesPerToken: Double
    public var decodeJoulesPerToken: Double
    /// Standard errors of the two, from the fit (nil when configured).
    public var prefillStandardError: Double?
    public var decodeStandardError: Double?

    public init(
        prefillJoulesPerToken: Double, decodeJoulesPerToken: Double, prefillStandardError: Double? = nil,
        decodeStandardError: Double? = nil
    ) {
        self.prefillJoulesPerToken = prefillJoulesPerToken
        self.decodeJoulesPerToken = decodeJoulesPerToken
        self.prefillStandardError = prefillStandardError
        self.decodeStandardError = decodeStandardError
    }
}

/// Everything attribution needs besides the data.
public struct AttributionPolicy: Hashable, Sendable {
    /// Per domain; a domain not listed gets `DomainPolicy.defaults(for:)`.
    public var domains: [DomainID: DomainPolicy]
    /// How many completion tokens one prompt token counts for, when no
    /// per-model coefficients are known. Prefill is batched and cheap per
    /// token: measured ratios are ~0.1–0.3; 0.2 is the default.
    public var promptTokenWeight: Double
    /// Learned or configured per-model coefficients; they replace α for the
    /// models they cover, so that a 24B model's token weighs more than an 8B's.
    public var coefficients: [String: ModelCoefficients]
    /// How a decode token's cost falls with the number of requests decoding
    /// together: its weight is scaled by b^−γ, b the interval's mean decode
    /// concurrency on the domain. Decoding is memory-bound (one pass over the
    /// weights serves the batch): measured H100 power grows ~b^0.13, so
    /// γ ≈ 0.87; 0 treats every decode token alike. Fitted with the
    /// coefficients when they are learned.
    public var decodeBatchExponent: Double
    /// Added to log timestamps to put them on the sampler's clock.
    public var logClockOffset: Duration
    /// The percentile of a domain's power taken as its idle power when no P0
    /// is configured (0.05: the quietest 5 % of intervals).
    public var idlePercentile: Double
    /// Whether requests of a pool of replicas are placed on the replica whose
    /// signal they explain (`ReplicaAssignment`) when the data can tell,
    /// instead of splitting the pool's energy among all of them.
    public var infersReplicas = true
    /// Whether accelerators pooled together (serving the same models) are
    /// replicas, each serving its share of the requests, or one
    /// tensor-parallel group, every member serving every request. Replicas
    /// decode in batches of the pool's concurrency divided among them, and
    /// their requests may be placed (`infersReplicas`). Fitted with the
    /// coefficients (`CoefficientFit`).
    public var poolsAreReplicas = true

    public init(
        domains: [DomainID: DomainPolicy] = [:], promptTokenWeight: Double = 0.2,
        coefficients: [String: ModelCoefficients] = [:], decodeBatchExponent: Double = 0,
        logClockOffset: Duration = .zero, idlePercentile: Double = 0.05
    ) {
        self.decodeBatchExponent = decodeBatchExponent
        self.domains = domains
        self.promptTokenWeight = promptTokenWeight
        self.coefficients = coefficients
        self.logClockOffset = logClockOffset
        self.idlePercentile = idlePercentile
    }

    public func policy(for domain: Domain) -> DomainPolicy {
        domains[domain.id] ?? DomainPolicy.defaults(for: domain.kind)
    }
}
