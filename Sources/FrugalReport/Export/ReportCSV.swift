import Foundation

/// The figures as one CSV table for spreadsheets used in France: `;` between
/// fields, decimal comma, no digit grouping, UTF-8 with a byte-order mark (so
/// a spreadsheet reads the accents), one figure per row:
/// `section;nom;indicateur;valeur;unite`. Values are unrounded.
public enum ReportCSV {
    public static func encode(_ f: ReportFigures) -> String {
        var rows: [[String]] = [["section", "nom", "indicateur", "valeur", "unite"]]
        func add(_ section: String, _ name: String, _ indicator: String, _ value: Double?, _ unit: String) {
            guard let value else { return }
            rows.append([section, name, indicator, number(value), unit])
        }
        let h = f.headline
        let scope = (f.tenant ?? "tout le service") + (f.host.map { ", serveur \($0)" } ?? "")
        add("synthese", scope, "energie", h.energy.kilowattHours, "kWh")
        add("synthese", scope, "energie_attribuee", h.attributedEnergy.kilowattHours, "kWh")
        add("synthese", scope, "emissions_directes", h.co2eDirectGrams / 1_000, "kgCO2e")
        add("synthese", scope, "emissions_cycle_de_vie", h.co2eLifecycleGrams.map { $0 / 1_000 }, "kgCO2e")
        add("synthese", scope, "requetes", Double(h.requests), "requetes")
        add("synthese", scope, "jetons_entree", Double(h.promptTokens), "jetons")
        add("synthese", scope, "jetons_sortie", Double(h.completionTokens), "jetons")
        add("synthese", scope, "evolution_energie_mois_precedent", h.energyChangeVsPrevious, "fraction")
        add("synthese", scope, "evolution_energie_meme_mois_annee_precedente", h.energyChangeVsLastYear, "fraction")
        for (section, lines) in [("modele", f.models), ("commune", f.tenants), ("serveur", f.hosts)] {
            for line in lines {
                add(section, line.name, "requetes", Double(line.requests), "requetes")
                add(section, line.name, "energie", line.energy.kilowattHours, "kWh")
                add(section, line.name, "emissions_directes", line.co2eDirectGrams / 1_000, "kgCO2e")
                add(section, line.name, "wh_par_requete", line.wattHoursPerRequest, "Wh")
                add(section, line.name, "wh_pour_1000_jetons", line.wattHoursPerThousandTokens, "Wh")
            }
        }
        for month in f.trend where month.hasData {
            add("tendance", month.month.description, "energie", month.energy.kilowattHours, "kWh")
            add("tendance", month.month.description, "emissions_directes", month.co2eDirectGrams / 1_000, "kgCO2e")
            add("tendance", month.month.description, "requetes", Double(month.requests), "requetes")
        }
        for day in f.days {
            let date = "\(f.month)-\(day.day < 10 ? "0" : "")\(day.day)"
            add("jour", date, "energie", day.energy.kilowattHours, "kWh")
            add("jour", date, "emissions_directes", day.co2eDirectGrams / 1_000, "kgCO2e")
            add("jour", date, "intensite_moyenne", day.meanIntensityGramsPerKilowattHour, "gCO2e/kWh")
        }
        for equivalence in f.equivalences {
            add("equivalence", equivalence.label, "quantite", equivalence.quantity, equivalence.label)
        }
        for recommendation in f.recommendations {
            add(
                "recommandation", recommendation.title, "economie_energie", recommendation.savingEnergy?.kilowattHours,
                "kWh")
            add(
                "recommandation", recommendation.title, "economie_emissions",
                recommendation.savingCO2eGrams.map { $0 / 1_000 }, "kgCO2e")
        }
        return "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A number with a decimal comma and up to 9 decimals, trailing zeros dropped.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = FrenchFormat.number(value, decimals: abs(value) < 1e9 ? 9 : 0).replacingOccurrences(
            of: FrenchFormat.narrowSpace, with: ""
        )
        .replacingOccurrences(of: FrenchFormat.minus, with: "-")
        if text.contains(",") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(",") { text.removeLast() }
        }
        return text
    }

    /// Quotes a field holding `;`, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
