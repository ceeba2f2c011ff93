/// The two charts and the data tables that stand in for them.
enum Charts {
    static func trend(_ figures: ReportFigures) -> String {
        let bars = figures.trend.map { month in
            SVGChart.Bar(
                label: "\(FrenchFormat.shortMonthNames[month.month.month - 1]) \(month.month.year % 100)",
                value: month.energy.kilowattHours,
                valueText: month.hasData
                    ? FrenchFormat.approximate(month.energy.kilowattHours, significant: 2) : "n.d.",
                hasData: month.hasData, highlighted: month.month == figures.month)
        }
        let withData = figures.trend.filter(\.hasData)
        let description =
            withData.isEmpty
            ? "Aucune donnée sur les douze derniers mois."
            : "Énergie par mois, en kWh, sur douze mois : "
                + withData.map { "\(FrenchFormat.month($0.month)) \(ReportView.kilowattHours($0.energy)) kWh" }
                .joined(separator: " ; ") + ". Les mois sans données sont marqués n.d."
        return SVGChart.bars(
            id: "tendance", title: "Énergie consommée par mois, douze derniers mois", description: description,
            unit: "kWh", bars: bars)
    }

    static func daily(_ figures: ReportFigures) -> String {
        let bars = figures.days.map {
            SVGChart.Bar(
                label: String($0.day), value: $0.energy.kilowattHours, valueText: "", hasData: $0.energy.microjoules > 0
            )
        }
        let line = figures.days.map(\.meanIntensityGramsPerKilowattHour)
        let busiest = figures.days.max { $0.energy < $1.energy }
        let cleanest = figures.days.filter { $0.meanIntensityGramsPerKilowattHour != nil }
            .min { $0.meanIntensityGramsPerKilowattHour! < $1.meanIntensityGramsPerKilowattHour! }
        var description = "Énergie par jour (barres, kWh) et intensité carbone moyenne du réseau (ligne, gCO2e/kWh)."
        if let busiest, busiest.energy.microjoules > 0 {
            description +=
                " Jour le plus consommateur : le \(busiest.day), \(ReportView.kilowattHours(busiest.energy)) kWh."
        }
        if let cleanest, let value = cleanest.meanIntensityGramsPerKilowattHour {
            description +=
                " Réseau le moins carboné : le \(cleanest.day), \(FrenchFormat.approximate(value)) gCO2e/kWh."
        }
        description += " Les valeurs jour par jour sont dans le tableau des données en annexe."
        return SVGChart.barsWithLine(
            id: "quotidien", title: "Énergie par jour et intensité carbone du réseau", description: description,
            barUnit: "kWh", lineUnit: "gCO2e/kWh", bars: bars, line: line,
            lineLabel: "intensité carbone du réseau (gCO2e/kWh, axe de droite)", barLabel: "énergie (kWh)")
    }

    static func trendTable(_ figures: ReportFigures) -> Table {
        let rows = figures.trend.map { month in
            Table.Row(
                head: FrenchFormat.month(month.month),
                cells: [
                    month.hasData ? ReportView.kilowattHours(month.energy) : "n.d.",
                    month.hasData ? ReportView.kilograms(month.co2eDirectGrams) : "n.d.",
                    month.hasData ? FrenchFormat.integer(month.requests) : "n.d.",
                ])
        }
        return Table(
            caption: "Données du graphique des douze derniers mois",
            headers: ["Mois", "Énergie (kWh)", "Émissions directes (kgCO2e)", "Requêtes"], rows: rows)
    }

    static let weekdays = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]

    static func dayTable(_ figures: ReportFigures) -> Table {
        let rows = figures.days.map { day in
            Table.Row(
                head: "\(weekdays[day.weekday]) \(day.day)",
                cells: [
                    ReportView.kilowattHours(day.energy),
                    ReportView.kilograms(day.co2eDirectGrams),
                    day.meanIntensityGramsPerKilowattHour.map { FrenchFormat.approximate($0) } ?? "n.d.",
                    FrenchFormat.integer(day.requests),
                ])
        }
        return Table(
            caption: "Données du graphique jour par jour",
            headers: [
                "Jour", "Énergie (kWh)", "Émissions directes (kgCO2e)", "Intensité moyenne (gCO2e/kWh)",
                "Requêtes",
            ],
            rows: rows)
    }
}
