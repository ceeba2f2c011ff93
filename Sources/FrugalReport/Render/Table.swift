import FrugalCore

/// A table as the templates draw it: column headers, rows whose first cell
/// is a row header (`<th scope="row">`), and total rows.
struct Table {
    struct Row {
        var head: String
        var cells: [String]
    }

    var caption: String
    var headers: [String]
    var rows: [Row]
    var totals: [Row]
    // Stored, not computed: the templates read values through Mirror.
    var hasRows: Bool
    var hasTotals: Bool
    /// A CSS class for the `<table>` ("" for none).
    var tableClass: String

    init(caption: String, headers: [String], rows: [Row], totals: [Row] = [], tableClass: String = "") {
        self.caption = caption
        self.tableClass = tableClass
        self.headers = headers
        self.rows = rows
        self.totals = totals
        hasRows = !rows.isEmpty
        hasTotals = !totals.isEmpty
    }

    static func usage(
        _ lines: [UsageLine], figures: ReportFigures, caption: String, first: String, unattributedRow: Bool
    ) -> Table {
        func optional(_ value: Double?) -> String { value.map { FrenchFormat.approximate($0) } ?? "–" }
        let rows = lines.map { line in
            Row(
                head: line.name,
                cells: [
                    FrenchFormat.integer(line.requests), ReportView.kilowattHours(line.energy),
                    ReportView.kilograms(line.co2eDirectGrams), optional(line.wattHoursPerRequest),
                    optional(line.wattHoursPerThousandTokens), FrenchFormat.percent(line.energyShare),
                ])
        }
        let energy = lines.reduce(Energy.zero) { $0 + $1.energy }
        let total = UsageLine(
            name: "Total attribué", requests: lines.reduce(0) { $0 + $1.requests },
            promptTokens: lines.reduce(0) { $0 + $1.promptTokens },
            completionTokens: lines.reduce(0) { $0 + $1.completionTokens }, energy: energy,
            co2eDirectGrams: lines.reduce(0) { $0 + $1.co2eDirectGrams }, energyShare: energy.microjoules > 0 ? 1 : 0)
        var totals = [
            Row(
                head: total.name,
                cells: [
                    FrenchFormat.integer(total.requests), ReportView.kilowattHours(total.energy),
                    ReportView.kilograms(total.co2eDirectGrams), optional(total.wattHoursPerRequest),
                    optional(total.wattHoursPerThousandTokens), FrenchFormat.percent(total.energyShare),
                ])
        ]
        let unattributed = figures.headline.energy - figures.headline.attributedEnergy
        if unattributedRow, figures.tenant == nil, unattributed.microjoules > 0 {
            let grams = max(0, figures.headline.co2eDirectGrams - total.co2eDirectGrams)
            totals.append(
                Row(
                    head: "Non attribué (serveurs sans requête)",
                    cells: ["–", ReportView.kilowattHours(unattributed), ReportView.kilograms(grams), "–", "–", "–"]))
        }
        return Table(
            caption: caption,
            headers: [
                first, "Requêtes", "Énergie (kWh)", "Émissions directes (kgCO2e)", "Wh par requête",
                "Wh pour 1 000 jetons", "Part de l'énergie",
            ],
            rows: rows, totals: rows.isEmpty ? [] : totals)
    }

    static func comparison(_ lines: [EstimateComparison]) -> Table {
        func wh(_ value: Double?) -> String { value.map { FrenchFormat.approximate($0) } ?? "–" }
        return Table(
            caption: "Énergie par requête : mesurée par Frugal et estimée",
            headers: [
                "Modèle", "Requêtes", "Mesuré (Wh/requête)", "EcoLogits (Wh/requête)",
                "Passerelle, min–max (Wh/requête)", "Part des requêtes estimées par la passerelle",
            ],
            rows: lines.map { line in
                let gateway =
                    line.gatewayEstimatedShare != nil
                    ? "\(wh(line.gatewayWattHoursPerRequestMin)) – \(wh(line.gatewayWattHoursPerRequestMax))" : "–"
                return Row(
                    head: line.model,
                    cells: [
                        FrenchFormat.integer(line.requests), wh(line.measuredWattHoursPerRequest),
                        wh(line.ecoLogitsWattHoursPerRequest), gateway,
                        line.gatewayEstimatedShare.map { FrenchFormat.percent($0) } ?? "–",
                    ])
            })
    }

    static func hosts(_ hosts: [Coverage.HostLine]) -> Table {
        Table(
            caption: "Couverture des mesures par serveur",
            headers: ["Serveur", "Quarts d'heure attribués", "Heures couvertes", "Couverture"],
            rows: hosts.map {
                Row(
                    head: $0.host,
                    cells: [
                        FrenchFormat.integer($0.windows), FrenchFormat.number($0.coveredHours, decimals: 1),
                        FrenchFormat.percent($0.coverageFraction),
                    ])
            })
    }

    static func factors(_ factors: [SourcedFactor]) -> Table {
        Table(
            caption: "Facteurs utilisés et leurs sources",
            headers: ["Facteur", "Valeur", "Unité", "Source"],
            rows: factors.map {
                Row(
                    head: $0.name,
                    cells: [
                        FrenchFormat.approximate($0.value, significant: 4, maxDecimals: 6), $0.unit,
                        CoverageText.sourceName($0.source),
                    ])
            }, tableClass: "sources")
    }
}
