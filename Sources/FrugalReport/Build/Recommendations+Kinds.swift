import FrugalCore
import FrugalStore

extension Recommendations {
    /// Similar requests (same size buckets) served for less energy by another model.
    func cheaperModel() -> Recommendation? {
        struct Bucket: Hashable {
            var model: String
            var prompt: Int
            var completion: Int
        }
        let means = Self.means(sizes) {
            Bucket(model: $0.model, prompt: $0.promptBucket, completion: $0.completionBucket)
        }
        var best: (from: Bucket, to: Bucket, saving: Double, fromMean: Double, toMean: Double)?
        for (bucket, entry) in means where entry.sampled >= Self.minimumSample {
            let peers = means.filter {
                $0.key.prompt == bucket.prompt && $0.key.completion == bucket.completion
                    && $0.key.model != bucket.model && $0.value.sampled >= Self.minimumSample
            }
            guard let cheapest = peers.min(by: { $0.value.mean < $1.value.mean }), cheapest.value.mean < entry.mean
            else { continue }
            let saving = (entry.mean - cheapest.value.mean) * Double(entry.requests) * scale
            if saving > best?.saving ?? 0 {
                best = (bucket, cheapest.key, saving, entry.mean, cheapest.value.mean)
            }
        }
        guard let best else { return nil }
        let (energy, grams) = saving(Energy(microjoules: Int64(best.saving)))
        let count = Int64((Double(means[best.from]?.requests ?? 0) * scale).rounded())
        return Recommendation(
            kind: .cheaperModel,
            title: "Orienter les requêtes semblables vers \(best.to.model)",
            text: """
                Pour les requêtes ayant \(Self.promptLabel(best.from.prompt)) en entrée et \
                \(Self.completionLabel(best.from.completion)) en sortie, \(best.to.model) a consommé \
                \(wattHours(best.toMean)) par requête, contre \(wattHours(best.fromMean)) pour \(best.from.model) \
                (environ \(FrenchFormat.integer(count)) requêtes ce mois-ci). Les orienter vers \(best.to.model) \
                économiserait environ \(kilowattHours(energy)) par mois, si la qualité des réponses convient.
                """,
            savingEnergy: energy, savingCO2eGrams: grams)
    }

    /// GPUs that stayed idle most of the month: their idle energy is what
    /// moving their work onto the busy GPUs and releasing them would save.
    /// None when every GPU was busy: a step that saves nothing is no
    /// recommendation (the idle share is in the coverage section).
    func consolidateGPUs() -> Recommendation? {
        let gpus = domains.filter { $0.kind == "gpu" && $0.windows > 0 }
        let quiet = gpus.filter { Double($0.activeWindows) / Double($0.windows) < 0.5 }
        guard !quiet.isEmpty else { return nil }
        let idleShare = figures.coverage.idleShare.map { FrenchFormat.percent($0) } ?? "une part inconnue"
        let idle = quiet.reduce(Energy.zero) { $0 + $1.idle }
        let (energy, grams) = saving(idle)
        let names = quiet.map { "\($0.host) \($0.domain)" }.joined(separator: ", ")
        let text = """
            Le repos des machines représente \(idleShare) de l'énergie mesurée. \(quiet.count) GPU sur \
            \(gpus.count) ont servi des requêtes moins de la moitié des quarts d'heure (\(names)). Regrouper \
            leurs modèles sur les autres GPU et les libérer économiserait leur consommation au repos, \
            soit \(kilowattHours(energy)) par mois.
            """
        return Recommendation(
            kind: .consolidateGPUs, title: "Regrouper les modèles sur moins de GPU", text: text,
            savingEnergy: energy, savingCO2eGrams: grams)
    }

    /// The cleanest four hours of the day (mean intensity per Paris hour over
    /// the month): what moving a tenth of the energy there would save.
    func cleanHours() -> Recommendation? {
        var sums = [Double](repeating: 0, count: 24)
        var counts = [Int](repeating: 0, count: 24)
        var instant = figures.month.start
        while instant < figures.month.end {
            if let row = table.stored(instant) {
                let hour = Int(EuropeParis.local(instant).secondOfDay / 3_600)
                sums[hour] += row.gramsPerKilowattHour
                counts[hour] += 1
            }
            instant = instant + .seconds(900)
        }
        guard counts.allSatisfy({ $0 > 0 }), let weighted = weightedIntensity else { return nil }
        let means = (0..<24).map { sums[$0] / Double(counts[$0]) }
        let window = 4
        var windowMeans: [Double] = []
        for first in 0..<24 {
            var sum = 0.0
            for offset in 0..<window { sum += means[(first + offset) % 24] }
            windowMeans.append(sum / Double(window))
        }
        let start = windowMeans.indices.min { windowMeans[$0] < windowMeans[$1] }!
        let clean = windowMeans[start]
        let shifted = figures.headline.energy.kilowattHours * 0.1
        let grams = max(0, shifted * (weighted - clean))
        return Recommendation(
            kind: .cleanHours,
            title: "Placer les traitements différables entre \(start) h et \((start + window) % 24) h",
            text: """
                Sur le mois, l'électricité a été la moins carbonée entre \(start) h et \((start + window) % 24) h \
                (\(FrenchFormat.approximate(clean)) gCO2e/kWh en moyenne, contre \
                \(FrenchFormat.approximate(weighted)) pour l'énergie consommée). Y déplacer un dixième de l'énergie \
                (résumés, traductions par lots, indexation) éviterait \
                \(FrenchFormat.approximate(grams / 1_000)) kgCO2e par mois ; l'énergie, elle, ne change pas.
                """,
            savingEnergy: nil, savingCO2eGrams: grams)
    }
}
