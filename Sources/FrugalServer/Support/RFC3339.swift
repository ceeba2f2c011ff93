import FrugalCore

/// RFC 3339 instants, the only time format of the API: written in UTC with
/// `Z` (fractional seconds only when there are any), read with any offset.
enum RFC3339 {
    static func format(_ time: Timestamp) -> String {
        let ns = time.nanosecondsSinceEpoch
        let seconds = ns >= 0 ? ns / 1_000_000_000 : (ns - 999_999_999) / 1_000_000_000
        let fraction = ns - seconds * 1_000_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(daysSinceEpoch: days)
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if fraction != 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Parses `2025-11-23T12:00:00Z`, `2025-11-23T13:00:00.5+01:00`; nil for anything else,
    /// and for years outside 1970…2261 (nanoseconds since 1970 fit an Int64 until 2262).
    static func parse(_ text: some StringProtocol) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58 else {
            return nil
        }
        guard let year = number(b, 0, 4), let month = number(b, 5, 2), let day = number(b, 8, 2),
            let hour = number(b, 11, 2), let minute = number(b, 14, 2), let second = number(b, 17, 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
            second < 60, year >= 1970, year <= 2261
        else { return nil }
        var index = 19
        var fraction: Int64 = 0
        if b[index] == 46 {
            index += 1
            var scale: Int64 = 100_000_000
            let start = index
            while index < b.count, (48...57).contains(b[index]) {
                fraction += Int64(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index - start <= 9 else { return nil }
        }
        guard index < b.count, let offset = offsetSeconds(b, from: index) else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Timestamp(nanosecondsSinceEpoch: seconds * 1_000_000_000 + fraction)
    }

    private static func offsetSeconds(_ b: [UInt8], from index: Int) -> Int64? {
        if b[index] == 90 || b[index] == 122 { return index + 1 == b.count ? 0 : nil }
        guard b[index] == 43 || b[index] == 45, b.count == index + 6, b[index + 3] == 58,
            let hours = number(b, index + 1, 2), let minutes = number(b, index + 4, 2), hours < 24, minutes < 60
        else { return nil }
        return (b[index] == 45 ? -1 : 1) * (hours * 3600 + minutes * 60)
    }

    private static func number(_ b: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for byte in b[start..<start + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(month - 1)]
    }

    // Howard Hinnant's days_from_civil and civil_from_days.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
