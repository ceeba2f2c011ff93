import FrugalCore
import FrugalStore
import Hummingbird

extension CostAPI {
    /// Expected energy and CO2e of one request from measured history: the
    /// model's fitted J per prefill and decode token where there are any,
    /// else its measured average per (weighted) token over the last 30 days.
    func estimate(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        let query = try reader(request, ["model", "prompt_tokens", "completion_tokens", "host"])
        guard let model = try query.name("model") else {
            throw Problem(.invalidParameter, "send model=<name> (GET /v1/models lists them)", parameter: "model")
        }
        guard let prompt = try query.integer("prompt_tokens", in: 0...10_000_000, what: "the prompt's token count"),
            let completion = try query.integer(
                "completion_tokens", in: 0...10_000_000, what: "the completion's token count")
        else {
            throw Problem(
                .invalidParameter, "send prompt_tokens=<count>&completion_tokens=<count>", parameter: "prompt_tokens")
        }
        let host = try query.name("host")
        guard try await store.knownModels().contains(model) else {
            throw Problem(.notFound, "no model \(model) in the store: GET /v1/models lists the models measured")
        }
        let to = now()
        let from = to + .seconds(-30 * 86_400)
        let history = try await store.usage(
            CostQuery(from: from, to: to, host: host, model: model, zone: zone), by: .model, histograms: true
        ).first
        let coefficients = try await store.modelCoefficients(model: model).filter { host == nil || $0.host == host }
        let (weight, split) = calculator.tokenWeight(coefficients)
        let tokens = weight * Double(prompt) + Double(completion)
        let historyTokens = history.map { weight * Double($0.promptTokens) + Double($0.completionTokens) } ?? 0
        let idlePerToken = historyTokens > 0 ? Double(history!.idle.microjoules) / historyTokens : 0
        var dynamic: Double
        var spread: EstimateView.Spread?
        let method: String
        if !coefficients.isEmpty, split == "coefficients" {
            method = "coefficients"
            (dynamic, spread) = Self.fitted(coefficients, prompt: prompt, completion: completion)
        } else if historyTokens > 0, let history {
            method = "per_token_average"
            dynamic = Double(history.dynamic.microjoules) / historyTokens * tokens
            spread = Self.measuredSpread(history, expectedMicrojoules: dynamic + idlePerToken * tokens)
        } else {
            throw Problem(
                .notFound, "model \(model) has no measured tokens in the last 30 days: no estimate can be made from it")
        }
        dynamic = max(dynamic, 0)
        let idle = idlePerToken * tokens
        if let s = spread, s.basis == "standard_error" {
            spread = .init(
                lowFullJoules: max(s.lowFullJoules + idle / 1e6, 0), highFullJoules: s.highFullJoules + idle / 1e6,
                basis: s.basis)
        }
        // The history's mean intensity; without priced history, the current quarter's (its source named).
        var priced = try await calculator.pricing.price(history?.intensity ?? [])
        if priced.energy.microjoules == 0 {
            let current = try await calculator.pricing.resolvedIntensity(at: to)
            let unit = Energy(microjoules: 3_600_000_000_000)  // 1 kWh: its grams are the intensity.
            priced = CarbonPricing.Priced(
                shares: [.init(source: current.source, energy: unit, grams: current.gramsPerKilowattHour)])
        }
        let intensity = priced.gramsPerKilowattHour ?? 0
        let dynamicEnergy = Energy(microjoules: Int64(dynamic.rounded()))
        let idleEnergy = Energy(microjoules: Int64(idle.rounded()))
        let figure = calculator.figure(
            dynamic: dynamicEnergy, idle: idleEnergy,
            directGrams: (dynamicEnergy + idleEnergy).kilowattHours * calculator.pricing.boundary.pue * intensity,
            scale: 1)
        let hosts = Set(coefficients.map(\.host)).union(host.map { [$0] } ?? []).sorted()
        let view = EstimateView(
            model: model, promptTokens: prompt, completionTokens: completion, method: method, energy: figure.energy,
            co2e: figure.co2e, intensityGPerKwh: intensity, spread: spread,
            basedOn: .init(window: windowView(from, to), requests: history?.requests ?? 0, hosts: hosts),
            provenance: calculator.provenance(priced, tokenSplit: split))
        return try JSONBody.encode(view)
    }

    /// Dynamic µJ from fitted coefficients (averaged over hosts, weighted by
    /// the intervals each fit used) and its 95 % band from their standard errors.
    static func fitted(_ rows: [StoredModelCoefficients], prompt: Int, completion: Int) -> (
        Double, EstimateView.Spread?
    ) {
        let weights = rows.map { Double(max($0.intervals, 1)) }
        let total = weights.reduce(0, +)
        var mean = 0.0
        var variance = 0.0
        var haveErrors = true
        for (row, weight) in zip(rows, weights) {
            let share = weight / total
            mean +=
                share
                * (Double(row.prefillMicrojoulesPerToken) * Double(prompt) + Double(row.decodeMicrojoulesPerToken)
                    * Double(completion))
            guard let sp = row.prefillStandardErrorMicrojoules, let sd = row.decodeStandardErrorMicrojoules else {
                haveErrors = false
                continue
            }
            let p = Double(sp) * Double(prompt)
            let d = Double(sd) * Double(completion)
            variance += share * share * (p * p + d * d)
        }
        guard haveErrors else { return (mean, nil) }
        let half = 1.96 * variance.squareRoot()
        return (
            mean,
            .init(lowFullJoules: (mean - half) / 1e6, highFullJoules: (mean + half) / 1e6, basis: "standard_error")
        )
    }

    /// The p10..p90 of measured requests' full cost, scaled from their mean to this estimate.
    static func measuredSpread(_ history: UsageSummary, expectedMicrojoules: Double) -> EstimateView.Spread? {
        guard history.requests > 0, history.full.microjoules > 0,
            let (p10, p90) = quantiles(history.costHistograms, 0.1, 0.9)
        else { return nil }
        let mean = Double(history.full.microjoules) / Double(history.requests)
        return .init(
            lowFullJoules: expectedMicrojoules * Double(p10.microjoules) / mean / 1e6,
            highFullJoules: expectedMicrojoules * Double(p90.microjoules) / mean / 1e6, basis: "p10_p90")
    }
}
