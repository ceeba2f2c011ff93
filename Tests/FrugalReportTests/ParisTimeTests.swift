import FrugalCore
import Testing

@testable import FrugalReport

@Suite struct ParisTimeTests {
    func hours(_ month: ReportMonth) -> Int64 { month.duration.nanoseconds / 3_600_000_000_000 }

    @Test func summerTimeMonthsHave743And745Hours() {
        #expect(hours(ReportMonth(year: 2026, month: 3)) == 743)
        #expect(hours(ReportMonth(year: 2026, month: 10)) == 745)
        #expect(hours(ReportMonth(year: 2026, month: 11)) == 720)
        #expect(hours(ReportMonth(year: 2026, month: 7)) == 744)
        #expect(hours(ReportMonth(year: 2028, month: 2)) == 29 * 24)
    }

    @Test func monthsStartAtLocalMidnight() {
        // 1 October 2026 00:00 CEST = 30 September 22:00 UTC.
        #expect(ReportMonth(year: 2026, month: 10).start.nanosecondsSinceEpoch == SeededStore.utc(2026, 9, 30, 22, 0))
        // 1 November 2026 00:00 CET = 31 October 23:00 UTC.
        #expect(ReportMonth(year: 2026, month: 11).start.nanosecondsSinceEpoch == SeededStore.utc(2026, 10, 31, 23, 0))
        // 1 January 2027 00:00 CET = 31 December 23:00 UTC.
        #expect(ReportMonth(year: 2027, month: 1).start.nanosecondsSinceEpoch == SeededStore.utc(2026, 12, 31, 23, 0))
    }

    /// The report's days on FrugalCore's EuropeParis: the switch days have 23 and 25 hours.
    @Test func switchDaysHave23And25Hours() {
        let october = ReportMonth(year: 2026, month: 10)
        #expect(october.dayStart(26) - october.dayStart(25) == .seconds(25 * 3_600))
        let march = ReportMonth(year: 2026, month: 3)
        #expect(march.dayStart(30) - march.dayStart(29) == .seconds(23 * 3_600))
        // The repeated hour belongs to the 25th, the day after to the 26th.
        let repeated = Timestamp(nanosecondsSinceEpoch: SeededStore.utc(2026, 10, 25, 1, 30))
        #expect(october.day(of: repeated) == 25)
        #expect(october.day(of: october.dayStart(26)) == 26)
        #expect(october.days == 31 && march.days == 31 && ReportMonth(year: 2028, month: 2).days == 29)
    }

    @Test func monthArithmeticAndParsing() {
        #expect(ReportMonth(parsing: "2026-10") == ReportMonth(year: 2026, month: 10))
        #expect(ReportMonth(parsing: "2026-13") == nil)
        #expect(ReportMonth(parsing: "26-10") == nil)
        #expect(ReportMonth(year: 2026, month: 1).previous == ReportMonth(year: 2025, month: 12))
        #expect(ReportMonth(year: 2026, month: 12).next == ReportMonth(year: 2027, month: 1))
        #expect(ReportMonth(year: 2026, month: 10).adding(-12) == ReportMonth(year: 2025, month: 10))
        #expect(ReportMonth(year: 2026, month: 10).description == "2026-10")
        let last = ReportMonth(year: 2026, month: 10).end - .nanoseconds(1)
        #expect(ReportMonth(containing: last) == ReportMonth(year: 2026, month: 10))
        #expect(ReportMonth(year: 2026, month: 10).day(of: last) == 31)
    }
}
