import FrugalCore
import FrugalStore

extension Recommendations {
    /// The tenant whose requests cost most above the service's mean: what it
    /// would save at the mean cost per request.
    func heavyTenant() -> Recommendation? {
        let tenants = figures.tenants.filter { $0.requests > 0 }
        let requests = tenants.reduce(Int64(0)) { $0 + $1.requests }
        let energy = tenants.reduce(Energy.zero) { $0 + $1.energy }
        guard tenants.count > 1, requests > 0 else { return nil }
        let mean = Double(energy.microjoules) / Double(requests)
        let candidates = tenants.map { line in
            (line, Double(line.energy.microjoules) - mean * Double(line.requests))
        }
        guard let (line, excess) = candidates.max(by: { $0.1 < $1.1 }), excess > 0,
            Double(line.energy.microjoules) / Double(line.requests) > mean * 1.25
        else { return nil }
        let (saving, grams) = self.saving(Energy(microjoules: Int64(excess)))
        return Recommendation(
            kind: .heavyTenant, title: "Examiner les usages de \(line.name)",
            text: """
                \(line.name) pèse \(FrenchFormat.percent(line.energyShare)) de l'énergie attribuée, avec \
                \(wattHours(Double(line.energy.microjoules) / Double(line.requests))) par requête contre \
                \(wattHours(mean)) en moyenne. Ramener ses requêtes au coût moyen (modèle plus léger, \
                réponses plus courtes, moins de contexte) économiserait \(kilowattHours(saving)) par mois.
                """,
            savingEnergy: saving, savingCO2eGrams: grams)
    }

    /// The endpoint with the most energy, and what capping its longest answers
    /// (the top completion bucket) at the next bucket's mean cost would save.
    func heavyEndpoint() -> Recommendation? {
        let byEndpoint = Self.means(sizes) { $0.endpoint }
        let energies = byEndpoint.mapValues { $0.mean * Double($0.requests) }
        let total = energies.values.reduce(0, +)
        guard byEndpoint.count > 1, total > 0, let (endpoint, energy) = energies.max(by: { $0.value < $1.value })
        else { return nil }
        let top = ReportRows.SizeBuckets.completionUpperBounds.count
        let ofEndpoint = sizes.filter { $0.endpoint == endpoint }
        let byCompletion = Self.means(ofEndpoint) { $0.completionBucket }
        var excess = 0.0
        if let long = byCompletion[top], let shorter = byCompletion[top - 1], long.sampled >= Self.minimumSample {
            excess = max(0, (long.mean - shorter.mean) * Double(long.requests) * scale)
        }
        guard excess > 0 else { return nil }
        let (saving, grams) = self.saving(Energy(microjoules: Int64(excess)))
        let name = endpoint.isEmpty ? "(sans point d'accès)" : endpoint
        let bound = FrenchFormat.integer(ReportRows.SizeBuckets.completionUpperBounds[top - 1])
        return Recommendation(
            kind: .heavyEndpoint, title: "Limiter la longueur des réponses de \(name)",
            text: """
                Le point d'accès \(name) a consommé \(FrenchFormat.percent(energy / total)) de l'énergie des \
                requêtes. Ses réponses de \(bound) jetons ou plus coûtent \
                \(byCompletion[top].map { wattHours($0.mean) } ?? "–") par requête ; les limiter (max_tokens) au \
                coût des réponses plus courtes économiserait \(kilowattHours(saving)) par mois.
                """,
            savingEnergy: saving, savingCO2eGrams: grams)
    }
}
