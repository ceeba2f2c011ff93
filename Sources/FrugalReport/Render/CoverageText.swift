/// The coverage and data-quality section, in plain words.
enum CoverageText {
    static func items(_ figures: ReportFigures) -> [ReportView.Item] {
        let coverage = figures.coverage
        func percent(_ value: Double?) -> String { value.map { FrenchFormat.percent($0) } ?? "non disponible" }
        return [
            ReportView.Item(label: "Ce qui est mesuré", value: scope(coverage)),
            ReportView.Item(
                label: "PUE (refroidissement, pertes du bâtiment)",
                value: coverage.powerUsageEffectiveness.map {
                    "PUE de \(FrenchFormat.number($0, decimals: 2)) indiqué ; les chiffres de ce rapport ne l'incluent pas, "
                        + "l'énergie au niveau du bâtiment serait de "
                        + "\(ReportView.kilowattHours(figures.headline.energy)) × \(FrenchFormat.number($0, decimals: 2))."
                } ?? "non appliqué : l'énergie du bâtiment (climatisation, onduleurs) n'est pas comptée"),
            ReportView.Item(
                label: "Consommation au repos",
                value: "incluse ; elle représente \(percent(coverage.idleShare)) de l'énergie mesurée"),
            ReportView.Item(
                label: "Énergie sans requête à qui l'attribuer", value: percent(coverage.unattributedShare)),
            ReportView.Item(
                label: "Temps couvert par les mesures",
                value: coverage.coverageFraction.map { FrenchFormat.percent($0) + " du mois écoulé" }
                    ?? "aucune mesure pour ce mois"),
            ReportView.Item(
                label: "Interruptions des capteurs",
                value: coverage.gapCount == 0
                    ? "aucune"
                    : "\(FrenchFormat.integer(coverage.gapCount)) interruption(s), "
                        + "\(FrenchFormat.number(coverage.gapHours, decimals: 1)) h au total"),
            ReportView.Item(
                label: "Énergie convertie avec une intensité de repli",
                value: "\(percent(coverage.fallbackIntensityShare)) (quarts d'heure sans valeur du réseau)"),
            ReportView.Item(label: "Sources de l'intensité carbone", value: sources(coverage)),
            ReportView.Item(
                label: "Puissance au repos",
                value: coverage.idleSources.isEmpty ? "non disponible" : idleSources(coverage.idleSources)),
        ]
    }

    /// "Ces chiffres couvrent …": the scope as a sentence (without its final period).
    static func scopeSentence(_ coverage: Coverage) -> String {
        coverage.measuredKinds.isEmpty
            ? "Aucune mesure d'énergie pour ce mois" : "Ces chiffres couvrent " + scope(coverage)
    }

    static func scope(_ coverage: Coverage) -> String {
        let kinds = coverage.measuredKinds.map { "\(kindName($0.kind)) × \($0.count)" }.joined(separator: ", ")
        if coverage.measuredKinds.isEmpty { return "aucune mesure d'énergie pour ce mois" }
        return coverage.wholeNode
            ? "le serveur entier (wattmètre du nœud) ; détail par composant : \(kinds)"
            : "les composants mesurés seulement (\(kinds)) : ventilateurs, alimentation, disques et réseau "
                + "ne sont pas comptés"
    }

    static func sources(_ coverage: Coverage) -> String {
        coverage.intensitySources.isEmpty
            ? "aucune"
            : coverage.intensitySources.map { "\(sourceName($0.source)) (\(FrenchFormat.percent($0.energyShare)))" }
                .joined(separator: ", ")
    }

    /// Plain French for the source codes the store carries; unknown codes as they are.
    static func sourceName(_ code: String) -> String {
        // The codes of FrugalStore's `GridIntensitySource` and of the idle estimator.
        let names = [
            "consolidated": "RTE éCO2mix, valeur consolidée", "live": "RTE éCO2mix, temps réel",
            "cached": "dernière valeur éCO2mix connue (flux en retard)",
            "historical": "historique éCO2mix fourni avec Frugal, même quart d'heure",
            "historical_profile": "historique éCO2mix fourni avec Frugal, moyenne de ce quart d'heure de la journée",
            "static": "facteur moyen fixe (configuration)", "configured": "configurée",
            "estimated": "estimée sur les mesures", IntensityTable.knownMeanSource: IntensityTable.knownMeanSource,
        ]
        if let name = names[code] { return name }
        if let profile = profileName(code) { return profile }
        if let prefix = names.keys.sorted().first(where: { code.hasPrefix($0 + "-") }) { return names[prefix]! }
        return code
    }

    /// The idle power's origins in French, each named once: the attribution
    /// writes one code per domain and window (`p5 of 900 intervals, trailing
    /// hour`, `regression intercept over 3600 intervals (…)`, `configured`).
    static func idleSources(_ codes: [String]) -> String {
        var names: [String] = []
        for code in codes {
            let name: String
            if code == "configured" {
                name = "configurée par domaine"
            } else if code.hasPrefix("regression intercept") {
                name = "estimée sur les mesures : ordonnée à l'origine de la puissance en fonction de l'activité"
            } else if code.hasPrefix("p5 of") {
                name = "estimée sur les mesures : 5ᵉ centile de la puissance"
            } else {
                name = sourceName(code)
            }
            let window = code.hasSuffix("trailing hour") ? " (heure précédente)" : ""
            if !names.contains(name + window) { names.append(name + window) }
        }
        return names.joined(separator: " ; ")
    }

    /// `historical_profile-month-8` and the like: which month of the bundled history priced the quarter.
    static func profileName(_ code: String) -> String? {
        let prefix = "historical_profile-"
        guard code.hasPrefix(prefix) else { return nil }
        let head = "historique éCO2mix fourni avec Frugal, moyenne de ce quart d'heure de la journée"
        let basis = code.dropFirst(prefix.count)
        if basis == "same-month" { return head + ", même mois" }
        if basis == "all-months" { return head + ", tous mois confondus" }
        if basis.hasPrefix("month-"), let month = Int(basis.dropFirst(6)), (1...12).contains(month) {
            return head + ", mois le plus proche disponible (\(FrenchFormat.monthNames[month - 1]))"
        }
        return nil
    }

    static func kindName(_ kind: String) -> String {
        switch kind {
        case "gpu": "GPU"
        case "package": "processeurs (RAPL)"
        case "core": "cœurs"
        case "uncore": "uncore"
        case "dram": "mémoire"
        case "psys": "plateforme"
        case "node": "nœud entier"
        default: kind
        }
    }
}

/// A recommendation's text with its saving.
enum RecommendationText {
    static func body(_ recommendation: Recommendation) -> String {
        var saving: [String] = []
        if let energy = recommendation.savingEnergy {
            saving.append("\(ReportView.kilowattHours(energy))\(FrenchFormat.unitSpace)kWh")
        }
        if let grams = recommendation.savingCO2eGrams {
            saving.append("\(ReportView.kilograms(grams))\(FrenchFormat.unitSpace)kgCO2e")
        }
        let nothing = (recommendation.savingEnergy ?? .zero) == .zero && (recommendation.savingCO2eGrams ?? 0) == 0
        let summary =
            saving.isEmpty || nothing ? "" : " Économie attendue : \(saving.joined(separator: " et ")) par mois."
        return recommendation.text + summary
    }
}
