import FrugalCore

/// The figures as the templates read them: every number already formatted
/// the French way. Built from `ReportFigures` only; it computes nothing new.
struct ReportView {
    struct Card {
        var label: String
        var value: String
        var unit: String
        var detail: String
    }

    struct Item {
        var label: String
        var value: String
    }

    var title: String
    var monthName: String
    var scopeLabel: String
    var periodLabel: String
    var generatedLabel: String
    var partialMonth: Bool
    var hasData: Bool
    var cards: [Card]
    var changes: [String]
    var equivalences: [Item]
    var equivalenceNote: String
    var trendSVG: String
    var dailySVG: String
    var trendTable: Table
    var dayTable: Table
    var models: Table
    var tenants: Table
    /// Per host, when the store holds more than one (a fleet report).
    var servers: Table
    var hasServers: Bool
    var comparison: Table
    var comparisonNote: String
    var coverage: [Item]
    var hosts: Table
    var recommendations: [Item]
    var hasRecommendations: Bool
    var factors: Table
    var intensitySources: String
    var scopeSentence: String
    /// The stylesheet, inlined in `<style>` (the page needs no other file).
    var css = ""

    init(_ figures: ReportFigures) {
        let month = FrenchFormat.month(figures.month)
        title = "Rapport climat de l'IA — \(month)"
        monthName = month
        scopeLabel =
            (figures.tenant.map { "Commune ou service : \($0)" } ?? "Ensemble du service")
            + (figures.host.map { " — serveur \($0)" } ?? "")
        let end = EuropeParis.local(figures.periodEnd - .nanoseconds(1)).date
        partialMonth = figures.periodEnd < figures.month.end
        periodLabel =
            "du \(FrenchFormat.date(year: figures.month.year, month: figures.month.month, day: 1)) au "
            + FrenchFormat.date(year: Int(end.year), month: Int(end.month), day: Int(end.day))
            + (partialMonth ? " (mois en cours : données partielles)" : "")
        let generated = EuropeParis.local(figures.generatedAt).date
        generatedLabel =
            "Rapport établi le "
            + FrenchFormat.date(year: Int(generated.year), month: Int(generated.month), day: Int(generated.day))
        hasData = figures.hasData
        cards = Self.cards(figures)
        changes = Self.changes(figures)
        equivalences = figures.equivalences.map {
            Item(label: $0.label, value: FrenchFormat.approximate($0.quantity, significant: 2, maxDecimals: 1))
        }
        equivalenceNote =
            figures.equivalences.first?.fromLifecycle ?? false
            ? "Comparaisons en cycle de vie, facteurs ADEME Impact CO2 (voir l'annexe)."
            : "Comparaisons faites avec les émissions directes (aucun facteur de cycle de vie connu) : "
                + "elles sous-estiment l'empreinte, les facteurs ADEME couvrant tout le cycle de vie."
        trendSVG = Charts.trend(figures)
        dailySVG = Charts.daily(figures)
        trendTable = Charts.trendTable(figures)
        dayTable = Charts.dayTable(figures)
        models = Table.usage(
            figures.models, figures: figures, caption: "Consommation par modèle", first: "Modèle",
            unattributedRow: true)
        tenants = Table.usage(
            figures.tenants, figures: figures, caption: "Consommation par commune ou service",
            first: "Commune ou service", unattributedRow: false)
        servers = Table.usage(
            figures.hosts, figures: figures, caption: "Consommation par serveur", first: "Serveur",
            unattributedRow: true)
        hasServers = figures.hosts.count > 1
        comparison = Table.comparison(figures.comparison)
        comparisonNote = Self.comparisonNote(figures)
        coverage = CoverageText.items(figures)
        hosts = Table.hosts(figures.coverage.hosts)
        recommendations = figures.recommendations.map { Item(label: $0.title, value: RecommendationText.body($0)) }
        hasRecommendations = !figures.recommendations.isEmpty
        factors = Table.factors(figures.factors)
        intensitySources = CoverageText.sources(figures.coverage)
        scopeSentence = CoverageText.scopeSentence(figures.coverage)
    }

    static func kilowattHours(_ energy: Energy) -> String { FrenchFormat.approximate(energy.kilowattHours) }
    static func kilograms(_ grams: Double) -> String { FrenchFormat.approximate(grams / 1_000) }

    private static func cards(_ figures: ReportFigures) -> [Card] {
        let headline = figures.headline
        let energyDetail =
            figures.tenant == nil
            ? "mesurée sur les serveurs, repos compris ; \(FrenchFormat.percent(headline.energy.microjoules > 0 ? headline.attributedEnergy.joules / headline.energy.joules : 0)) attribuée aux requêtes"
            : "part de cette commune, repos des machines compris"
        return [
            Card(label: "Énergie", value: kilowattHours(headline.energy), unit: "kWh", detail: energyDetail),
            Card(
                label: "Émissions directes", value: kilograms(headline.co2eDirectGrams), unit: "kgCO2e",
                detail: "électricité consommée × intensité carbone du réseau, quart d'heure par quart d'heure"),
            Card(
                label: "Émissions en cycle de vie",
                value: headline.co2eLifecycleGrams.map(kilograms) ?? "non disponible",
                unit: headline.co2eLifecycleGrams == nil ? "" : "kgCO2e",
                detail: headline.co2eLifecycleGrams == nil
                    ? "aucun facteur de cycle de vie sourcé n'est configuré"
                    : "intensité directe de chaque quart d'heure + amont, construction des centrales et réseau"),
            Card(
                label: "Requêtes", value: FrenchFormat.integer(headline.requests), unit: "",
                detail: "\(FrenchFormat.integer(headline.promptTokens + headline.completionTokens)) jetons traités"),
        ]
    }

    private static func changes(_ figures: ReportFigures) -> [String] {
        var lines: [String] = []
        if let previous = figures.previousMonth {
            let name = FrenchFormat.month(previous.month)
            let energy = figures.headline.energyChangeVsPrevious.map(ChangeText.describe) ?? "sans comparaison possible"
            let requests =
                figures.headline.requestsChangeVsPrevious.map(ChangeText.describe) ?? "sans comparaison possible"
            lines.append("Par rapport à \(name) : énergie \(energy), requêtes \(requests).")
        } else {
            lines.append("Pas de données pour le mois précédent : aucune comparaison possible.")
        }
        if let lastYear = figures.sameMonthLastYear, let change = figures.headline.energyChangeVsLastYear {
            lines.append(
                "Par rapport à \(FrenchFormat.month(lastYear.month)) : énergie \(ChangeText.describe(change)).")
        }
        return lines
    }

    private static func comparisonNote(_ figures: ReportFigures) -> String {
        let gateway = figures.comparison.contains { $0.gatewayEstimatedShare != nil }
        let ecoLogits = figures.comparison.contains { $0.ecoLogitsWattHoursPerRequest != nil }
        var parts = ["« Mesuré » : énergie relevée sur les serveurs et répartie entre les requêtes, repos compris."]
        parts.append(
            ecoLogits
                ? "« EcoLogits » : estimation à partir de la taille du modèle et des jetons produits (méthode EcoLogits)."
                : "Estimation EcoLogits : non disponible, ces modèles ne sont pas dans le catalogue de tailles "
                    + "fourni avec Frugal (EcoLogits, Data/factors/models.csv).")
        parts.append(
            gateway
                ? "« Passerelle » : fourchette estimée par la passerelle (Albert) elle-même, lue dans ses journaux."
                : "La passerelle n'a pas fourni d'estimation propre pour ce mois.")
        return parts.joined(separator: " ")
    }
}

/// "en hausse de 12,5 %", "en baisse de 3,0 %", "stable".
enum ChangeText {
    static func describe(_ change: Double) -> String {
        if abs(change) < 0.0005 { return "stable (0,0\u{202F}%)" }
        let amount = FrenchFormat.percent(abs(change))
        return change > 0 ? "en hausse de \(amount) ▲" : "en baisse de \(amount) ▼"
    }
}
