/// A model-based estimate of what a request costs, made from what its log
/// line says (model, tokens, latency) and nothing measured: kept beside the
/// measurement so the two can be compared, never mixed with it.
public protocol RequestEnergyEstimator: Sendable {
    /// The estimates of `requests`, in their order; nil where the estimator
    /// cannot say (an unknown model, no output token count).
    func estimatedEnergy(of requests: [RequestRecord]) -> [Energy?]
}
