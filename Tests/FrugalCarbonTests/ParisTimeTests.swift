import FrugalCarbon
import FrugalCore
import Testing

/// Europe/Paris by the EU rule: changes at 01:00 UTC on the last Sundays of March and October.
@Suite struct ParisTimeTests {
    func utc(_ y: Int64, _ m: Int64, _ d: Int64, _ h: Int64, _ min: Int64 = 0) -> Int64 {
        CivilDate(year: y, month: m, day: d).daysSinceEpoch * 86_400 + h * 3_600 + min * 60
    }

    @Test func offsetsChangeAtOneUTCOnTheLastSundays() {
        // 2025: 30 March and 26 October.
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2025, 3, 30, 0, 59)) == 3_600)
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2025, 3, 30, 1)) == 7_200)
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2025, 10, 26, 0, 59)) == 7_200)
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2025, 10, 26, 1)) == 3_600)
        // 2022: 27 March and 30 October; mid-January is winter time.
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2022, 3, 27, 1)) == 7_200)
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2022, 10, 30, 0, 30)) == 7_200)
        #expect(EuropeParis.offsetSeconds(utcSeconds: utc(2022, 1, 15, 12)) == 3_600)
    }

    @Test func theSpringHourDoesNotExistAndTheAutumnHourHappensTwice() {
        #expect(EuropeParis.utcCandidates(date: CivilDate(year: 2025, month: 3, day: 30), hour: 2, minute: 30).isEmpty)
        #expect(
            EuropeParis.utcCandidates(date: CivilDate(year: 2025, month: 3, day: 30), hour: 3, minute: 0)
                == [utc(2025, 3, 30, 1)])
        #expect(
            EuropeParis.utcCandidates(date: CivilDate(year: 2025, month: 10, day: 26), hour: 2, minute: 15)
                == [utc(2025, 10, 26, 0, 15), utc(2025, 10, 26, 1, 15)])
    }

    @Test func parisDaysHave23Or25HoursAtTheChanges() {
        func dayLengthHours(_ m: Int64, _ d: Int64) -> Int64 {
            let start = EuropeParis.utcCandidates(date: CivilDate(year: 2025, month: m, day: d), hour: 0, minute: 0)[0]
            let next = EuropeParis.utcCandidates(date: CivilDate(year: 2025, month: m, day: d + 1), hour: 0, minute: 0)[
                0]
            return (next - start) / 3_600
        }
        #expect(dayLengthHours(3, 30) == 23)
        #expect(dayLengthHours(10, 26) == 25)
        #expect(dayLengthHours(7, 1) == 24)
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(CivilDate.valid(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDate.valid(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2025, month: 10, day: 26).weekday == 6)
    }
}
