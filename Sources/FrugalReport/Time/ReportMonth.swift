import FrugalCore

/// A calendar month in Europe/Paris: from local midnight on the 1st to local
/// midnight on the 1st of the next month (743 hours in March, 745 in October).
public struct ReportMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 … 12.
    public let month: Int

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month is 1…12")
        self.year = year
        self.month = month
    }

    /// Parses "YYYY-MM"; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
            let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        self.init(year: year, month: month)
    }

    /// The month holding `instant`, in Paris time.
    public init(containing instant: Timestamp) {
        let date = EuropeParis.local(instant).date
        self.init(year: Int(date.year), month: Int(date.month))
    }

    /// "2026-10".
    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    public var start: Timestamp { EuropeParis.midnight(firstDay) }
    public var end: Timestamp { next.start }
    public var duration: Duration { end - start }
    public var days: Int { Int(firstDay.nextMonth.daysSinceEpoch - firstDay.daysSinceEpoch) }

    /// The 1st of the month.
    var firstDay: CivilDate { CivilDate(year: Int64(year), month: Int64(month), day: 1) }

    public var next: ReportMonth { month == 12 ? ReportMonth(year: year + 1, month: 1) : adding(1) }
    public var previous: ReportMonth { adding(-1) }
    public var sameMonthLastYear: ReportMonth { ReportMonth(year: year - 1, month: month) }

    /// The month `count` months later (earlier when negative).
    public func adding(_ count: Int) -> ReportMonth {
        let index = year * 12 + (month - 1) + count
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        return ReportMonth(year: year, month: index - year * 12 + 1)
    }

    /// Local midnight starting day `day` (1-based) of this month.
    public func dayStart(_ day: Int) -> Timestamp {
        day > days ? end : EuropeParis.midnight(CivilDate(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The day of this month (1-based) holding `instant`; nil outside the month.
    public func day(of instant: Timestamp) -> Int? {
        guard instant >= start, instant < end else { return nil }
        return Int(EuropeParis.local(instant).date.day)
    }

    public static func < (a: ReportMonth, b: ReportMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
