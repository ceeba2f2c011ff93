import FrugalCore

/// The same-quarter-hour profile of a grid history: the mean intensity of
/// each quarter of the Paris day, by month and weekday type (working day or
/// weekend). French intensity follows the day (gas peakers at the morning and
/// evening peaks, solar at noon) and the season (heating in winter), so a
/// quarter is priced with its own month when the history has it, else with
/// the nearest month that it has (a summer day is not priced with January),
/// and only when no month has that quarter of the day, with the mean over
/// every day.
public struct QuarterProfile: Sendable {
    /// Which part of the history a profile value comes from.
    public enum Basis: Hashable, Sendable {
        /// The quarter's own month.
        case sameMonth
        /// The nearest month (1–12) the history has, the quarter's own missing.
        case nearestMonth(Int)
        /// The mean over every day of the history.
        case allMonths
    }

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
        match(quarter: quarter)?.gramsPerKilowattHour
    }

    /// The value and the part of the history it comes from: the nearest month
    /// first (its own, then one month either side, the earlier first, and so
    /// on), the same day type before the other within a month.
    public func match(quarter: Int64) -> (gramsPerKilowattHour: Double, basis: Basis)? {
        let slot = Self.slot(quarter: quarter)
        for distance in 0...6 {
            for month in Self.months(around: slot.month, distance: distance) {
                for weekend in [slot.weekend, 1 - slot.weekend] {
                    if let value = byMonthAndDayType[Self.key(month: month, weekend: weekend, slot.quarterOfDay)] {
                        return (value, distance == 0 ? .sameMonth : .nearestMonth(month))
                    }
                }
            }
        }
        return byQuarterOfDay[slot.quarterOfDay].map { ($0, .allMonths) }
    }

    /// Number of (month, day type, quarter of day) cells and of quarter-of-day cells filled.
    public var coverage: (monthDayTypeCells: Int, quarterOfDayCells: Int) {
        (byMonthAndDayType.count, byQuarterOfDay.count)
    }

    /// The months `distance` away from `month` on the year's circle, the earlier first.
    static func months(around month: Int, distance: Int) -> [Int] {
        let before = (month - 1 - distance + 12) % 12 + 1
        let after = (month - 1 + distance) % 12 + 1
        return before == after ? [before] : [before, after]
    }

    static func key(month: Int, weekend: Int, _ quarterOfDay: Int) -> Int {
        (month * 2 + weekend) * 96 + quarterOfDay
    }

    static func slot(quarter: Int64) -> (fine: Int, quarterOfDay: Int, month: Int, weekend: Int) {
        let local = EuropeParis.local(utcSeconds: quarter * 900)
        let quarterOfDay = Int(local.secondOfDay / 900)
        let weekend = local.date.weekday >= 5 ? 1 : 0
        let month = Int(local.date.month)
        return (key(month: month, weekend: weekend, quarterOfDay), quarterOfDay, month, weekend)
    }
}
