/// The same-quarter-hour profile of a grid history: the mean intensity of
/// each quarter of the Paris day, by month and weekday type (working day or
/// weekend) where the history has that combination, else over every day.
/// French intensity follows the day (gas peakers at the morning and evening
/// peaks, solar at noon) and the season (heating in winter), so this keeps
/// more of the shape than one yearly mean.
public struct QuarterProfile: Sendable {
    /// Key: month (1–12) × 2 + weekend (0/1), × 96 + quarter of the Paris day.
    private let byMonthAndDayType: [Int: Double]
    /// Key: quarter of the Paris day (0–95; the repeated autumn hour folds onto the first).
    private let byQuarterOfDay: [Int: Double]

    public init(history: BundledGridHistory) {
        var fine: [Int: (Double, Int)] = [:]
        var coarse: [Int: (Double, Int)] = [:]
        for (quarter, value) in history.quarters {
            let slot = Self.slot(quarter: quarter)
            fine[slot.fine, default: (0, 0)].0 += value
            fine[slot.fine, default: (0, 0)].1 += 1
            coarse[slot.quarterOfDay, default: (0, 0)].0 += value
            coarse[slot.quarterOfDay, default: (0, 0)].1 += 1
        }
        byMonthAndDayType = fine.mapValues { $0.0 / Double($0.1) }
        byQuarterOfDay = coarse.mapValues { $0.0 / Double($0.1) }
    }

    /// The profile's value for a UTC quarter, nil when the history has no such quarter of day.
    public func gramsPerKilowattHour(quarter: Int64) -> Double? {
        let slot = Self.slot(quarter: quarter)
        return byMonthAndDayType[slot.fine] ?? byQuarterOfDay[slot.quarterOfDay]
    }

    /// Number of (month, day type, quarter of day) cells and of quarter-of-day cells filled.
    public var coverage: (monthDayTypeCells: Int, quarterOfDayCells: Int) {
        (byMonthAndDayType.count, byQuarterOfDay.count)
    }

    static func slot(quarter: Int64) -> (fine: Int, quarterOfDay: Int) {
        let local = ParisTime.local(utcSeconds: quarter * 900)
        let quarterOfDay = Int(local.secondOfDay / 900)
        let weekend = CivilDate.weekday(days: local.date.daysSinceEpoch) >= 5 ? 1 : 0
        return ((Int(local.date.month) * 2 + weekend) * 96 + quarterOfDay, quarterOfDay)
    }
}
