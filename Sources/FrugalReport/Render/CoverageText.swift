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
                value: coverage.idleSources.isEmpty ? "non disponible" : coverage.idleSources.joined(separator: ", ")),
        ]
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
            : coverage.intensitySources.map { "\($0.source) (\(FrenchFormat.percent($0.energyShare)))" }
                .joined(separator: ", ")
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
        let summary = saving.isEmpty ? "" : " Économie attendue : \(saving.joined(separator: " et ")) par mois."
        return recommendation.text + summary
    }
}
