/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01, after
/// Howard Hinnant's `days_from_civil` / `civil_from_days` (public domain):
/// exact integers, no Foundation, no tzdata.
enum UTCCalendar {
    struct Civil: Equatable {
        var year: Int64
        var month: Int64
        var day: Int64
    }

    static func days(from civil: Civil) -> Int64 {
        var (y, m) = (civil.year, civil.month)
        if m > 12 { (y, m) = (y + 1, m - 12) }
        if m <= 2 { y -= 1 }
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + civil.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> Civil {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return Civil(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    static func weekday(days: Int64) -> Int { Int(((days % 7) + 7 + 3) % 7) }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// `YYYY-MM-DD<separator>HH:MM:SS.ffffff` for microseconds since the
    /// epoch, UTC, without a zone suffix.
    static func dateTime(microseconds: Int64, separator: Character) -> String {
        let seconds = floorDiv(microseconds, 1_000_000)
        let fraction = microseconds - seconds * 1_000_000
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let date = civil(fromDays: days)
        var text = ""
        text.reserveCapacity(26)
        text += pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
        text.append(separator)
        text += pad(secondOfDay / 3_600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        text += "." + pad(fraction, 6)
        return text
    }

    /// RFC 3339 in UTC with microseconds: `2026-03-02T08:15:00.123456Z`.
    static func rfc3339(microseconds: Int64) -> String { dateTime(microseconds: microseconds, separator: "T") + "Z" }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        let missing = width - digits.utf8.count
        return missing <= 0 ? digits : zeros[missing] + digits
    }

    private static let zeros = (0...16).map { String(repeating: "0", count: $0) }
}
