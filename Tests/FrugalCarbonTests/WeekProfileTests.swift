import FrugalCarbon
import FrugalCore
import FrugalStore
import Testing

@Suite("Week profile: when the grid is cleanest, by Paris weekday and hour")
struct WeekProfileTests {
    static func row(_ utcSeconds: Int64, _ grams: Double, _ source: GridIntensitySource = .consolidated)
        -> GridIntensityRow
    {
        GridIntensityRow(
            zone: "FR", quarterStart: Timestamp(secondsSinceEpoch: utcSeconds), gramsPerKilowattHour: grams,
            source: source, fetchedAt: Timestamp(secondsSinceEpoch: utcSeconds))
    }

    @Test func hoursAreParisHoursOnBothSidesOfTheClockChange() {
        // Saturday 2026-03-28 10:00 UTC is 11:00 CET; Sunday 2026-03-29 10:00 UTC is 12:00 CEST.
        let profile = WeekProfile(rows: [Self.row(1_774_692_000, 30), Self.row(1_774_778_400, 50)])
        #expect(profile.mean(weekday: 5, hour: 11) == 30)
        #expect(profile.mean(weekday: 6, hour: 12) == 50)
        #expect(profile.mean(weekday: 6, hour: 11) == nil)
    }

    @Test func onlyMeasuredQuartersCount() {
        let monday = Int64(1_774_828_800)  // 2026-03-30 00:00 UTC, 02:00 CEST, a Monday
        let profile = WeekProfile(rows: [
            Self.row(monday, 20), Self.row(monday + 900, 40, .live), Self.row(monday + 1_800, 60, .historical),
            Self.row(monday + 2_700, 500, .historicalProfile), Self.row(monday + 3_600, 900, .static),
        ])
        #expect(profile.quartersBySource == ["consolidated": 1, "live": 1, "historical": 1])
        #expect(profile.mean(weekday: 0, hour: 2) == 40)
        #expect(profile.meanGramsPerKilowattHour == 40)
    }

    @Test func theCleanestWindowsAreWholeRunsOfMeasuredHoursOneAWeekday() {
        // Two weeks of hourly values: noon is clean (solar), 19:00 dirty (gas at the evening peak).
        let start = Int64(1_775_426_400)  // 2026-04-06 00:00 CEST, a Monday, as UTC seconds
        var rows: [GridIntensityRow] = []
        for day in 0..<14 {
            for hour in 0..<24 {
                let grams = 40 - 20 * max(0, 1 - Double(abs(hour - 13)) / 4) + (hour == 19 ? 30 : 0) + Double(day % 7)
                rows.append(Self.row(start + Int64(day * 86_400 + hour * 3_600), grams))
            }
        }
        let profile = WeekProfile(rows: rows)
        #expect(profile.cells.count == 7 * 24 && profile.cells.allSatisfy { $0.quarters == 2 })
        let windows = profile.cleanestWindows(hours: 3, count: 7)
        #expect(windows.count == 7 && Set(windows.map(\.weekday)).count == 7)
        #expect(windows.allSatisfy { $0.startHour == 12 }, "12:00–15:00 centres the clean hours")
        #expect(windows.first?.weekday == 0, "Monday's offset is the smallest")
        #expect(profile.dirtiest?.hour == 19 && profile.dirtiest?.weekday == 6)
    }

    @Test func noMeasuredQuarterGivesNoProfile() {
        let profile = WeekProfile(rows: [Self.row(1_774_828_800, 60, .historicalProfile)])
        #expect(profile.cells.isEmpty && profile.meanGramsPerKilowattHour == nil)
        #expect(profile.cleanestWindows(hours: 4, count: 3).isEmpty)
    }
}
