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

    @Test func switchesHappenAtOneUTCOnTheLastSundays() {
        // 2026: 29 March and 25 October.
        let before = Timestamp(nanosecondsSinceEpoch: SeededStore.utc(2026, 3, 29, 0, 59))
        let after = Timestamp(nanosecondsSinceEpoch: SeededStore.utc(2026, 3, 29, 1, 0))
        #expect(!ParisTime.isSummerTime(before) && ParisTime.isSummerTime(after))
        #expect(ParisTime.local(after).hour == 3)
        let autumn = Timestamp(nanosecondsSinceEpoch: SeededStore.utc(2026, 10, 25, 1, 0))
        #expect(!ParisTime.isSummerTime(autumn) && ParisTime.local(autumn).hour == 2)
        #expect(ParisTime.isSummerTime(autumn - .nanoseconds(1)))
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
