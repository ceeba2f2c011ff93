import FrugalCarbon
import FrugalCore
import FrugalStore

/// Turns stored sums into the figures developers read: totals, per request,
/// per 1,000 prompt and completion tokens, CO2e direct and lifecycle, SCI
/// (FrugalCarbon's `SCIFigures`, as `frugal carbon footprint`). CO2e is of
/// E = the attributed energy × `[carbon] pue`; the joules shown are as
/// measured. It only divides and prices what the store holds; it computes no
/// energy.
struct CostCalculator: Sendable {
    let pricing: CarbonPricing
    /// How many completion tokens one prompt token counts for, when a model has no coefficients.
    let promptTokenWeight: Double

    /// `embodiedGrams`: M, the host's embodied emissions over the window's
    /// quarters allocated to these requests (`EmbodiedAllocation`).
    func summary(
        _ usage: UsageSummary, keyName: String, window: WindowView, coefficients: [StoredModelCoefficients] = [],
        quantiles: (p50: Energy, p90: Energy)? = nil, embodiedGrams: Double = 0
    ) async throws -> CostSummaryView {
        let priced = try await pricing.price(usage.intensity)
        let sci = sciFigures(
            priced, requests: usage.requests, tokens: usage.promptTokens + usage.completionTokens,
            embodiedGrams: embodiedGrams)
        let direct = sci.operational.totalGrams
        let total = figure(dynamic: usage.dynamic, idle: usage.idle, directGrams: direct, scale: 1)
        let (weight, split) = tokenWeight(coefficients)
        let weighted = weight * Double(usage.promptTokens) + Double(usage.completionTokens)
        var view = CostSummaryView(
            keyName: keyName, name: usage.key, window: window, requests: usage.requests,
            promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, total: total, perRequest: nil,
            per1kPromptTokens: nil, per1kCompletionTokens: nil,
            sci: sciView(sci), provenance: provenance(priced, tokenSplit: split))
        if usage.requests > 0 {
            let perRequest = 1 / Double(usage.requests)
            let scaled = figure(dynamic: usage.dynamic, idle: usage.idle, directGrams: direct, scale: perRequest)
            view.perRequest = PerRequestView(
                energy: scaled.energy, co2e: scaled.co2e, fullJoulesP50: quantiles?.p50.joules,
                fullJoulesP90: quantiles?.p90.joules, sciGrams: sci.gramsPerRequest ?? 0)
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

    /// Energy and CO2e of `scale` × the given sums; `directGrams` is E·I with E after PUE.
    func figure(dynamic: Energy, idle: Energy, directGrams: Double, scale: Double) -> FigureView {
        let full = Energy(microjoules: Int64((Double((dynamic + idle).microjoules) * pricing.boundary.pue).rounded()))
        return FigureView(
            energy: EnergyView(dynamic: dynamic, idle: idle, scale: scale),
            co2e: CO2eView(
                directGrams: directGrams * scale,
                lifecycleGrams: pricing.showsLifecycle
                    ? pricing.lifecycleGrams(directGrams: directGrams, energy: full) * scale : nil))
    }

    /// SCI of priced energy: E = the priced energy × PUE, I each source's
    /// intensity as priced, M `embodiedGrams`, R `requests`.
    func sciFigures(_ priced: CarbonPricing.Priced, requests: Int64, tokens: Int64, embodiedGrams: Double)
        -> SCIFigures
    {
        let pue = pricing.boundary.pue
        var operational = CarbonTally()
        for share in priced.shares where share.energy.microjoules > 0 {
            operational.add(
                energyMicrojoules: Int64((Double(share.energy.microjoules) * pue).rounded()),
                intensity: ResolvedIntensity(
                    gramsPerKilowattHour: share.grams / share.energy.kilowattHours, source: share.source))
        }
        return SCIFigures(
            requests: requests, tokens: tokens, energy: operational.totalEnergy, operational: operational,
            lifecycleGrams: pricing.lifecycleGrams(
                directGrams: operational.totalGrams, energy: operational.totalEnergy),
            embodiedGrams: embodiedGrams, boundary: pricing.boundary)
    }

    func sciView(_ sci: SCIFigures) -> SCIView {
        SCIView(
            boundary: sci.boundary.statement, scope: sci.boundary.scope.rawValue, pue: sci.boundary.pue,
            embodied: pricing.embodied == nil ? "not_configured" : "configured",
            energyJoules: sci.energy.joules, operationalGrams: sci.operational.totalGrams,
            embodiedGrams: sci.embodiedGrams, gramsPerRequest: sci.gramsPerRequest,
            gramsPerThousandTokens: sci.gramsPerThousandTokens)
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
    func provenance(_ priced: CarbonPricing.Priced, tokenSplit: String?) -> ProvenanceView {
        let full = priced.energy
        let views = priced.shares.map { share in
            IntensityShareView(
                source: share.source.rawValue,
                energyShare: full.microjoules > 0 ? Double(share.energy.microjoules) / Double(full.microjoules) : 0)
        }
        return ProvenanceView(
            energy: priced.shares.isEmpty ? "none" : "measured", intensity: views,
            lifecycleFactor: pricing.showsLifecycle ? pricing.lifecycle.upstream.key : nil, tokenSplit: tokenSplit,
            boundary: pricing.boundary.statement,
            embodied: pricing.embodied == nil ? "not_configured" : "configured")
    }
}
