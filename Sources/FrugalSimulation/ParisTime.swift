/// The local hour and weekday in Europe/Paris for a UTC instant, by the EU
/// summer-time rule (since 1996: UTC+2 from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise).
/// Computed here rather than with Foundation's `TimeZone` so that a scenario
/// does not depend on the host's tzdata.
struct ParisTime: Equatable {
    /// 0–23.
    let hour: Int
    /// 0 = Monday … 6 = Sunday.
    let weekday: Int

    var isWeekend: Bool { weekday >= 5 }

    init(utcSeconds: Int64) {
        let local = utcSeconds + Self.offsetSeconds(utcSeconds: utcSeconds)
        let days = UTCCalendar.floorDiv(local, 86_400)
        hour = Int((local - days * 86_400) / 3_600)
        weekday = UTCCalendar.weekday(days: days)
    }

    /// UTC+1 or UTC+2, seconds.
    static func offsetSeconds(utcSeconds: Int64) -> Int64 {
        let year = UTCCalendar.civil(fromDays: UTCCalendar.floorDiv(utcSeconds, 86_400)).year
        let summerStart = lastSunday(year: year, month: 3) * 86_400 + 3_600
        let summerEnd = lastSunday(year: year, month: 10) * 86_400 + 3_600
        return utcSeconds >= summerStart && utcSeconds < summerEnd ? 7_200 : 3_600
    }

    /// Days since 1970-01-01 of the last Sunday of `month` in `year`.
    static func lastSunday(year: Int64, month: Int64) -> Int64 {
        let lastDay = UTCCalendar.days(from: .init(year: year, month: month + 1, day: 1)) - 1
        return lastDay - Int64((UTCCalendar.weekday(days: lastDay) + 1) % 7)
    }
}
