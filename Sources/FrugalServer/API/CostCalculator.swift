import FrugalCore
import FrugalStore

/// Turns stored sums into the figures developers read: totals, per request,
/// per 1,000 prompt and completion tokens, CO2e direct and lifecycle, SCI.
/// It only divides and prices what the store holds; it computes no energy.
struct CostCalculator: Sendable {
    let pricing: CarbonPricing
    /// How many completion tokens one prompt token counts for, when a model has no coefficients.
    let promptTokenWeight: Double

    func summary(
        _ usage: UsageSummary, keyName: String, window: WindowView, coefficients: [StoredModelCoefficients] = [],
        quantiles: (p50: Energy, p90: Energy)? = nil
    ) throws -> CostSummaryView {
        let priced = try pricing.price(usage.intensity)
        let direct = priced.grams
        let total = figure(dynamic: usage.dynamic, idle: usage.idle, directGrams: direct, scale: 1)
        let (weight, split) = tokenWeight(coefficients)
        let weighted = weight * Double(usage.promptTokens) + Double(usage.completionTokens)
        var view = CostSummaryView(
            keyName: keyName, name: usage.key, window: window, requests: usage.requests,
            promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, total: total, perRequest: nil,
            per1kPromptTokens: nil, per1kCompletionTokens: nil,
            provenance: provenance(
                priced, tokenSplit: split, embodied: keyName == "model" ? "not_configured" : nil))
        if usage.requests > 0 {
            let perRequest = 1 / Double(usage.requests)
            let scaled = figure(dynamic: usage.dynamic, idle: usage.idle, directGrams: direct, scale: perRequest)
            view.perRequest = PerRequestView(
                energy: scaled.energy, co2e: scaled.co2e, fullJoulesP50: quantiles?.p50.joules,
                fullJoulesP90: quantiles?.p90.joules, sciGrams: scaled.co2e.directGrams)
        }
        if weighted > 0 {
            let perCompletion = 1_000 / weighted
            view.per1kCompletionTokens = figure(
                dynamic: usage.dynamic, idle: usage.idle, directGrams: direct, scale: perCompletion)
            if usage.promptTokens > 0 {
                view.per1kPromptTokens = figure(
                    dynamic: usage.dynamic, idle: usage.idle, directGrams: direct, scale: perCompletion * weight)
            }
        }
        return view
    }

    /// Energy and CO2e of `scale` × the given sums.
    func figure(dynamic: Energy, idle: Energy, directGrams: Double, scale: Double) -> FigureView {
        let full = (dynamic + idle)
        return FigureView(
            energy: EnergyView(dynamic: dynamic, idle: idle, scale: scale),
            co2e: CO2eView(
                directGrams: directGrams * scale,
                lifecycleGrams: pricing.lifecycleGrams(directGrams: directGrams, energy: full) * scale))
    }

    /// The weight of a prompt token in completion tokens: the models' fitted
    /// prefill/decode ratio (energy-weighted over hosts), else the configured α.
    func tokenWeight(_ coefficients: [StoredModelCoefficients]) -> (Double, String) {
        let decode = coefficients.reduce(0) { $0 + $1.decodeMicrojoulesPerToken }
        let prefill = coefficients.reduce(0) { $0 + $1.prefillMicrojoulesPerToken }
        guard decode > 0, prefill > 0 else { return (promptTokenWeight, "prompt_token_weight") }
        return (Double(prefill) / Double(decode), "coefficients")
    }

    /// Which intensity sources priced the energy and their share of it; the lifecycle factor's key.
    func provenance(_ priced: CarbonPricing.Priced, tokenSplit: String?, embodied: String?) -> ProvenanceView {
        let full = priced.energy
        let views = priced.shares.map { share in
            IntensityShareView(
                source: share.source.rawValue,
                energyShare: full.microjoules > 0 ? Double(share.energy.microjoules) / Double(full.microjoules) : 0)
        }
        return ProvenanceView(
            energy: priced.shares.isEmpty ? "none" : "measured", intensity: views,
            lifecycleFactor: pricing.lifecycle.upstream.key, tokenSplit: tokenSplit, embodied: embodied)
    }
}
