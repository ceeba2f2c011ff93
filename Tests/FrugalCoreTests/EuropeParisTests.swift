import FrugalCore
import Testing

@Suite struct EuropeParisTests {
    @Test func summerTimeStartsAndEndsAtOneUTCOnTheLastSundays() {
        // 2026: 29 March and 25 October.
        let spring = Timestamp(secondsSinceEpoch: 1_774_746_000)  // 2026-03-29T01:00:00Z
        #expect(EuropeParis.offsetSeconds(utcSeconds: 1_774_746_000 - 1) == 3_600)
        #expect(EuropeParis.offsetSeconds(utcSeconds: 1_774_746_000) == 7_200)
        #expect(EuropeParis.hourMinute(spring) == "03:00")
        let autumn: Int64 = 1_792_890_000  // 2026-10-25T01:00:00Z
        #expect(EuropeParis.offsetSeconds(utcSeconds: autumn - 1) == 7_200)
        #expect(EuropeParis.offsetSeconds(utcSeconds: autumn) == 3_600)
        #expect(EuropeParis.hourMinute(Timestamp(secondsSinceEpoch: autumn - 60)) == "02:59")
        #expect(EuropeParis.hourMinute(Timestamp(secondsSinceEpoch: autumn)) == "02:00")
    }

    @Test func daysAroundTheChangesHave23And25Hours() {
        let march29 = CivilDate(year: 2026, month: 3, day: 29)
        let march30 = CivilDate(year: 2026, month: 3, day: 30)
        #expect(EuropeParis.midnight(march30) - EuropeParis.midnight(march29) == .seconds(23 * 3_600))
        let october25 = CivilDate(year: 2026, month: 10, day: 25)
        let october26 = CivilDate(year: 2026, month: 10, day: 26)
        #expect(EuropeParis.midnight(october26) - EuropeParis.midnight(october25) == .seconds(25 * 3_600))
        // October 2026 has 745 hours in Paris, March 743.
        let october = CivilDate(year: 2026, month: 10, day: 1)
        #expect(EuropeParis.midnight(october.nextMonth) - EuropeParis.midnight(october) == .seconds(745 * 3_600))
        let march = CivilDate(year: 2026, month: 3, day: 1)
        #expect(EuropeParis.midnight(march.nextMonth) - EuropeParis.midnight(march) == .seconds(743 * 3_600))
    }

    @Test func civilDatesRoundTripAndKnowTheirWeekday() {
        for days in stride(from: Int64(-800_000), to: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).weekday == 3)  // a Thursday
        #expect(CivilDate(year: 2026, month: 10, day: 12).weekday == 0)  // a Monday
        #expect(
            EuropeParis.local(Timestamp(secondsSinceEpoch: 1_791_784_800)).date
                == CivilDate(year: 2026, month: 10, day: 12))
        #expect(EuropeParis.local(Timestamp(secondsSinceEpoch: 1_791_784_800)).secondOfDay == 8 * 3_600)
    }
}
