import Foundation
import FrugalCore

/// The figures as JSON for the finance staff and other programs: energies in
/// kWh, masses in kg of CO2e, shares as fractions, months as "YYYY-MM". The
/// same numbers as the HTML, unrounded.
public enum ReportJSON {
    struct Document: Encodable {
        var format = "frugal-monthly-report/1"
        var month: String
        var tenant: String?
        var host: String?
        var periodEnd: String
        var headline: HeadlineJSON
        var previousMonth: MonthJSON?
        var sameMonthLastYear: MonthJSON?
        var models: [LineJSON]
        var tenants: [LineJSON]
        var hosts: [LineJSON]
        var trend: [MonthJSON]
        var days: [DayJSON]
        var comparison: [EstimateComparison]
        var coverage: Coverage
        var equivalences: [Equivalence]
        var recommendations: [RecommendationJSON]
        var factors: [SourcedFactor]
    }

    struct HeadlineJSON: Encodable {
        var energyKWh: Double
        var attributedEnergyKWh: Double
        var co2eDirectKg: Double
        var co2eLifecycleKg: Double?
        var requests: Int64
        var promptTokens: Int64
        var completionTokens: Int64
        var energyChangeVsPrevious: Double?
        var co2eChangeVsPrevious: Double?
        var requestsChangeVsPrevious: Double?
        var energyChangeVsLastYear: Double?
    }

    struct MonthJSON: Encodable {
        var month: String
        var hasData: Bool
        var requests: Int64
        var energyKWh: Double
        var co2eDirectKg: Double
    }

    struct LineJSON: Encodable {
        var name: String
        var requests: Int64
        var promptTokens: Int64
        var completionTokens: Int64
        var energyKWh: Double
        var co2eDirectKg: Double
        var whPerRequest: Double?
        var whPer1kTokens: Double?
        var energyShare: Double
    }

    struct DayJSON: Encodable {
        var date: String
        var energyKWh: Double
        var co2eDirectKg: Double
        var requests: Int64
        var meanIntensityGPerKWh: Double?
    }

    struct RecommendationJSON: Encodable {
        var kind: String
        var title: String
        var text: String
        var savingKWh: Double?
        var savingCO2eKg: Double?
    }

    /// Pretty-printed, keys sorted: the same figures give the same bytes.
    public static func encode(_ figures: ReportFigures) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(figures))
    }

    static func document(_ f: ReportFigures) -> Document {
        let h = f.headline
        return Document(
            month: f.month.description, tenant: f.tenant, host: f.host, periodEnd: isoDate(f.periodEnd),
            headline: HeadlineJSON(
                energyKWh: h.energy.kilowattHours, attributedEnergyKWh: h.attributedEnergy.kilowattHours,
                co2eDirectKg: h.co2eDirectGrams / 1_000, co2eLifecycleKg: h.co2eLifecycleGrams.map { $0 / 1_000 },
                requests: h.requests, promptTokens: h.promptTokens, completionTokens: h.completionTokens,
                energyChangeVsPrevious: h.energyChangeVsPrevious, co2eChangeVsPrevious: h.co2eChangeVsPrevious,
                requestsChangeVsPrevious: h.requestsChangeVsPrevious, energyChangeVsLastYear: h.energyChangeVsLastYear),
            previousMonth: f.previousMonth.map(month), sameMonthLastYear: f.sameMonthLastYear.map(month),
            models: f.models.map(line), tenants: f.tenants.map(line), hosts: f.hosts.map(line),
            trend: f.trend.map(month),
            days: f.days.map { day in
                DayJSON(
                    date: "\(f.month)-\(day.day < 10 ? "0" : "")\(day.day)", energyKWh: day.energy.kilowattHours,
                    co2eDirectKg: day.co2eDirectGrams / 1_000, requests: day.requests,
                    meanIntensityGPerKWh: day.meanIntensityGramsPerKilowattHour)
            },
            comparison: f.comparison, coverage: f.coverage, equivalences: f.equivalences,
            recommendations: f.recommendations.map {
                RecommendationJSON(
                    kind: $0.kind.rawValue, title: $0.title, text: $0.text, savingKWh: $0.savingEnergy?.kilowattHours,
                    savingCO2eKg: $0.savingCO2eGrams.map { $0 / 1_000 })
            },
            factors: f.factors)
    }

    static func month(_ m: MonthTotals) -> MonthJSON {
        MonthJSON(
            month: m.month.description, hasData: m.hasData, requests: m.requests, energyKWh: m.energy.kilowattHours,
            co2eDirectKg: m.co2eDirectGrams / 1_000)
    }

    static func line(_ l: UsageLine) -> LineJSON {
        LineJSON(
            name: l.name, requests: l.requests, promptTokens: l.promptTokens, completionTokens: l.completionTokens,
            energyKWh: l.energy.kilowattHours, co2eDirectKg: l.co2eDirectGrams / 1_000,
            whPerRequest: l.wattHoursPerRequest, whPer1kTokens: l.wattHoursPerThousandTokens,
            energyShare: l.energyShare)
    }

    /// "2026-10-31T23:00:00Z".
    static func isoDate(_ instant: Timestamp) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: instant.secondsSinceEpoch))
    }
}
