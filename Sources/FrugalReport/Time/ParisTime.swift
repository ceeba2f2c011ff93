import FrugalCore

/// Civil time in Europe/Paris, computed from the EU rule (in force since
/// 1996): CET (UTC+1), and CEST (UTC+2) from the last Sunday of March to the
/// last Sunday of October, both switches at 01:00 UTC. Computed rather than
/// read from tzdata so a report is the same on every host and in every test.
public enum ParisTime {
    private static let nanosecondsPerSecond: Int64 = 1_000_000_000
    private static let secondsPerDay: Int64 = 86_400

    /// Whether summer time is in force at `instant`.
    public static func isSummerTime(_ instant: Timestamp) -> Bool {
        let seconds = floorDivide(instant.nanosecondsSinceEpoch, nanosecondsPerSecond)
        let year = civil(fromDays: floorDivide(seconds, secondsPerDay)).year
        let start = lastSunday(year: year, month: 3) * secondsPerDay + 3_600
        let end = lastSunday(year: year, month: 10) * secondsPerDay + 3_600
        return seconds >= start && seconds < end
    }

    /// The offset from UTC at `instant`, in seconds (3600 or 7200).
    public static func offsetSeconds(at instant: Timestamp) -> Int64 {
        isSummerTime(instant) ? 7_200 : 3_600
    }

    /// The instant of local midnight starting the given civil day.
    public static func midnight(year: Int, month: Int, day: Int) -> Timestamp {
        let days = daysFromCivil(year: year, month: month, day: day)
        // The switches happen at 01:00 UTC, so 22:00 UTC the evening before is
        // on the same side of a switch as local midnight (22:00 or 23:00 UTC).
        let probe = Timestamp(nanosecondsSinceEpoch: (days * secondsPerDay - 7_200) * nanosecondsPerSecond)
        let seconds = days * secondsPerDay - offsetSeconds(at: probe)
        return Timestamp(nanosecondsSinceEpoch: seconds * nanosecondsPerSecond)
    }

    /// The local civil date and hour of `instant`.
    public static func local(_ instant: Timestamp) -> (year: Int, month: Int, day: Int, hour: Int) {
        let seconds = floorDivide(instant.nanosecondsSinceEpoch, nanosecondsPerSecond) + offsetSeconds(at: instant)
        let days = floorDivide(seconds, secondsPerDay)
        let date = civil(fromDays: days)
        return (date.year, date.month, date.day, Int((seconds - days * secondsPerDay) / 3_600))
    }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        let next = month == 12 ? (year + 1, 1) : (year, month + 1)
        return Int(daysFromCivil(year: next.0, month: next.1, day: 1) - daysFromCivil(year: year, month: month, day: 1))
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    public static func weekday(year: Int, month: Int, day: Int) -> Int {
        // 1970-01-01 was a Thursday (3).
        Int(floorModulo(daysFromCivil(year: year, month: month, day: day) + 3, 7))
    }

    private static func lastSunday(year: Int, month: Int) -> Int64 {
        let last = daysFromCivil(year: year, month: month, day: daysInMonth(year: year, month: month))
        return last - floorModulo(last + 3 - 6, 7)
    }

    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { a - floorDivide(a, b) * b }
}
