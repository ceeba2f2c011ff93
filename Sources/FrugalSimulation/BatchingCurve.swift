import Foundation

/// How requests batched on one GPU share its power.
///
/// Alone, a request in a phase draws its work power `w` (its J/token times
/// its tokens/s). With `b` requests in that phase on the GPU, each draws
/// `w · efficiency(b)`, with
///
///     efficiency(b) = (1 + k·(b − 1))^(−γ)
///
/// so the phase draws `Σ w · efficiency(b)`. Decoding is memory-bound: one
/// pass over the weights serves the whole batch, so power grows far slower
/// than the batch. `kγ ≤ 1` keeps power non-decreasing in `b`.
public struct BatchingCurve: Codable, Sendable, Hashable {
    /// `k`: how fast sharing sets in.
    public var coefficient: Double
    /// `γ`: how strongly power is shared (0: not at all).
    public var exponent: Double

    public init(coefficient: Double, exponent: Double) {
        precondition(coefficient >= 0 && exponent >= 0, "a batching curve has non-negative parameters")
        self.coefficient = coefficient
        self.exponent = exponent
    }

    /// No sharing: power adds up (prefill, compute-bound; CPU work).
    public static let linear = BatchingCurve(coefficient: 0, exponent: 0)

    /// Fitted to ML.ENERGY's H100 measurements (lm-arena-chat, Llama-3.1-8B
    /// TP1, Llama-3.1-70B TP4, gemma-3-27b TP2, batches 8–192, 75 W idle
    /// removed): per-GPU dynamic power ∝ b^0.13, i.e. k = 1, γ = 0.87
    /// (log-residual 0.02 over 20 points). See the target's README.
    public static let decodeMLEnergy = BatchingCurve(coefficient: 1, exponent: 0.87)

    /// A mild curve, `1/√(1 + 0.1·(b − 1))`: batching that barely saves energy.
    public static let mild = BatchingCurve(coefficient: 0.1, exponent: 0.5)

    /// The factor each request's work power is multiplied by when `batch`
    /// requests share the GPU in the same phase.
    public func efficiency(batch: Int) -> Double {
        guard batch > 1, exponent > 0 else { return 1 }
        return pow(1 + coefficient * Double(batch - 1), -exponent)
    }
}
