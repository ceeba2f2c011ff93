import FrugalCore

extension AccuracyEvaluation {
    /// Errors of `estimates` against `truth`, per request and per model.
    /// Requests whose true energy is under 1 J (a failed call) are left out
    /// of the per-request errors, where a ratio would only measure noise.
    static func score(
        _ method: String, _ estimates: [String: Int64], _ truth: [String: Int64], models: [String: String]
    )
        -> Score
    {
        var errors: [Double] = []
        for (id, trueEnergy) in truth where trueEnergy >= 1_000_000 {
            let estimate = Double(estimates[id] ?? 0)
            errors.append(abs(estimate - Double(trueEnergy)) / Double(trueEnergy))
        }
        errors.sort()
        let median = errors.isEmpty ? 0 : errors[errors.count / 2]
        let p95 = errors.isEmpty ? 0 : errors[min(errors.count - 1, Int(Double(errors.count) * 0.95))]
        var modelErrors: [String: Double] = [:]
        for (model, ids) in Dictionary(grouping: truth.keys, by: { models[$0] ?? "unknown" }) {
            let trueTotal = ids.reduce(Int64(0)) { $0 + (truth[$1] ?? 0) }
            let estimated = ids.reduce(Int64(0)) { $0 + (estimates[$1] ?? 0) }
            if trueTotal > 0 { modelErrors[model] = abs(Double(estimated - trueTotal)) / Double(trueTotal) }
        }
        return Score(
            method: method, requestMedianError: median, requestP95Error: p95,
            modelMaxError: modelErrors.values.max() ?? 0, modelErrors: modelErrors)
    }
}
