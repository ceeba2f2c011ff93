/// A model served on the host, with the energy and speed of one request
/// running alone on it.
///
/// Energies are GPU energy per token for a request alone (batch of one),
/// summed over all GPUs of its tensor-parallel group; batching then lowers
/// the per-request share (see `BatchingCurve`). Defaults come from ML.ENERGY
/// measurements (decode) and a FLOP estimate (prefill): see `SimulatedModel.llama8B`
/// and the README.
public struct SimulatedModel: Codable, Sendable, Hashable {
    /// The name the gateway logs (`meta-llama/Llama-3.1-8B-Instruct`).
    public var name: String
    /// Parameters, billions (what an EcoLogits-style estimate uses).
    public var parameterCountBillions: Double
    public var prefillJoulesPerToken: Double
    public var decodeJoulesPerToken: Double
    /// Prompt tokens processed per second for one request.
    public var prefillTokensPerSecond: Double
    /// Completion tokens generated per second for one request.
    public var decodeTokensPerSecond: Double
    /// GPUs one replica spans; a request's work is split evenly over them.
    /// A model with more than one must be pinned to its GPUs.
    public var tensorParallel: Int

    public init(
        name: String, parameterCountBillions: Double, prefillJoulesPerToken: Double, decodeJoulesPerToken: Double,
        prefillTokensPerSecond: Double, decodeTokensPerSecond: Double, tensorParallel: Int = 1
    ) {
        self.name = name
        self.parameterCountBillions = parameterCountBillions
        self.prefillJoulesPerToken = prefillJoulesPerToken
        self.decodeJoulesPerToken = decodeJoulesPerToken
        self.prefillTokensPerSecond = prefillTokensPerSecond
        self.decodeTokensPerSecond = decodeTokensPerSecond
        self.tensorParallel = tensorParallel
    }

    /// Power a prefill alone draws above idle, W, over its whole group.
    public var prefillWorkWatts: Double { prefillJoulesPerToken * prefillTokensPerSecond }
    /// Power a decode alone draws above idle, W, over its whole group.
    public var decodeWorkWatts: Double { decodeJoulesPerToken * decodeTokensPerSecond }
}

extension SimulatedModel {
    // Decode: ML.ENERGY lm-arena-chat on H100 at max_num_seqs 8 (Chung et al.,
    // NeurIPS D&B 2025): per-GPU power minus 75 W idle, divided by
    // efficiency(8) of `BatchingCurve.decodeMLEnergy` fitted over batches
    // 8–192, gives the work power of one request; its speed is 1/median ITL.
    // Prefill: 2·N FLOP per token at ~20 % of the H100's 989 bf16 TFLOP/s and
    // ~500 W above idle per GPU (an estimate: ML.ENERGY does not split prefill).

    /// Llama-3.1-8B-Instruct on one H100: decode 312 W at 137 tok/s
    /// (ITL 7.3 ms) → 2.28 J/token alone; prefill 12 000 tok/s, 0.042 J/token.
    public static let llama8B = SimulatedModel(
        name: "meta-llama/Llama-3.1-8B-Instruct", parameterCountBillions: 8, prefillJoulesPerToken: 0.042,
        decodeJoulesPerToken: 2.28, prefillTokensPerSecond: 12_000, decodeTokensPerSecond: 137)

    /// A Mistral-Small-24B-like model on one H100. ML.ENERGY has no Mistral:
    /// gemma-3-27b-it on one H100 (510 W, ITL 23.4 ms at batch 8 → 332 W of
    /// work at 42.7 tok/s) scaled by 24/27 (energy ×0.89, speed ×1.125):
    /// 6.9 J/token at 48 tok/s; prefill 4 500 tok/s, 0.11 J/token.
    public static let mistralSmall24B = SimulatedModel(
        name: "mistralai/Mistral-Small-3.1-24B-Instruct-2503", parameterCountBillions: 24,
        prefillJoulesPerToken: 0.11, decodeJoulesPerToken: 6.9, prefillTokensPerSecond: 4_500,
        decodeTokensPerSecond: 48)

    /// Llama-3.1-70B-Instruct over four H100 (TP4): 254 W of work per GPU at
    /// 60 tok/s (ITL 16.6 ms) → 16.9 J/token alone over the group; prefill
    /// 3 500 tok/s at 4 × 500 W, 0.57 J/token.
    public static let llama70B = SimulatedModel(
        name: "meta-llama/Llama-3.1-70B-Instruct", parameterCountBillions: 70, prefillJoulesPerToken: 0.57,
        decodeJoulesPerToken: 16.9, prefillTokensPerSecond: 3_500, decodeTokensPerSecond: 60, tensorParallel: 4)
}
