import FrugalCore
import FrugalStore

/// The counted quarters of the last thirteen months, summed per Paris month.
struct MonthHistory {
    private var byMonth: [ReportMonth: MonthTotals] = [:]

    init(quarters: [CountedQuarter], table: IntensityTable, months: [ReportMonth]) {
        for month in months {
            byMonth[month] = MonthTotals(month: month, requests: 0, energy: .zero, co2eDirectGrams: 0, hasData: false)
        }
        for quarter in quarters {
            let month = ReportMonth(containing: quarter.start)
            guard var totals = byMonth[month] else { continue }
            totals.requests += quarter.requests
            totals.energy += quarter.energy
            totals.co2eDirectGrams += table.grams(quarter.energy, at: quarter.start)
            totals.hasData = true
            byMonth[month] = totals
        }
    }

    /// The month's totals (zero and `hasData == false` without data).
    func totals(_ month: ReportMonth) -> MonthTotals {
        byMonth[month] ?? MonthTotals(month: month, requests: 0, energy: .zero, co2eDirectGrams: 0, hasData: false)
    }

    /// The month's totals when it has data.
    func totalsIfData(_ month: ReportMonth) -> MonthTotals? {
        let totals = totals(month)
        return totals.hasData ? totals : nil
    }
}

/// The per-model and per-tenant tables: SQL's sums per model and tenant,
/// plus the quarters without a stored intensity converted with the fallback.
enum UsageTables {
    static func lines(
        _ usage: [ReportRows.UsageLine], unconverted: [ReportRows.Usage], table: IntensityTable,
        key: KeyPath<ReportRows.UsageLine, String>
    ) -> [UsageLine] {
        var byName: [String: UsageLine] = [:]
        var total: Int64 = 0
        for row in usage {
            let name = row[keyPath: key]
            let energy = row.dynamic + row.idle
            total += energy.microjoules
            var line =
                byName[name]
                ?? UsageLine(
                    name: name, requests: 0, promptTokens: 0, completionTokens: 0, energy: .zero, co2eDirectGrams: 0,
                    energyShare: 0)
            line.requests += row.requests
            line.promptTokens += row.promptTokens
            line.completionTokens += row.completionTokens
            line.energy += energy
            line.co2eDirectGrams += row.gramsWithIntensity
            byName[name] = line
        }
        let unconvertedKey: KeyPath<ReportRows.Usage, String> =
            switch key {
            case \ReportRows.UsageLine.model: \.model
            case \ReportRows.UsageLine.host: \.host
            default: \.tenant
            }
        for row in unconverted {
            byName[row[keyPath: unconvertedKey]]?.co2eDirectGrams += table.grams(
                row.dynamic + row.idle, at: row.quarterStart)
        }
        return byName.values.map { line in
            var line = line
            line.energyShare = total > 0 ? Double(line.energy.microjoules) / Double(total) : 0
            return line
        }.sorted { ($0.energy, $1.name) > ($1.energy, $0.name) }
    }
}

/// The daily lines, with each day's mean grid intensity as the figures used
/// it: the stored value of each quarter, else its fallback (the coverage
/// section says how much energy rests on fallbacks).
enum DayLines {
    static func lines(month: ReportMonth, quarters: [CountedQuarter], table: IntensityTable) -> [DayLine] {
        var days = (1...month.days).map { day in
            DayLine(
                day: day,
                weekday: CivilDate(year: Int64(month.year), month: Int64(month.month), day: Int64(day)).weekday,
                energy: .zero,
                requests: 0, co2eDirectGrams: 0, meanIntensityGramsPerKilowattHour: nil)
        }
        for quarter in quarters {
            guard let day = month.day(of: quarter.start) else { continue }
            days[day - 1].energy += quarter.energy
            days[day - 1].requests += quarter.requests
            days[day - 1].co2eDirectGrams += table.grams(quarter.energy, at: quarter.start)
        }
        for day in 1...month.days {
            var sum = 0.0
            var count = 0
            var instant = month.dayStart(day)
            let end = month.dayStart(day + 1)
            while instant < end {
                if let value = table.value(at: instant) {
                    sum += value.gramsPerKilowattHour
                    count += 1
                }
                instant = instant + .seconds(900)
            }
            days[day - 1].meanIntensityGramsPerKilowattHour = count > 0 ? sum / Double(count) : nil
        }
        return days
    }
}
