/// A date and time as written in a log, before its zone is known.
struct CivilTime: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var nanosecond: Int
    /// The offset east of UTC written in the text, nil when none was.
    var offsetSeconds: Int?

    /// Seconds since the epoch if the fields were UTC (days from civil,
    /// after Howard Hinnant's algorithm).
    var secondsAsUTC: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH[:MM]]`: RFC 3339, the
/// ISO 8601 that PostgreSQL's `row_to_json` writes, and Python's
/// `str(datetime)` as LiteLLM writes it (space, no zone).
enum CivilTimeText {
    static func parse(_ text: String) -> CivilTime? {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> CivilTime? {
        var s = Cursor(bytes: bytes)
        guard let year = s.number(4), s.expect(UInt8(ascii: "-")), let month = s.number(2),
            s.expect(UInt8(ascii: "-")), let day = s.number(2),
            s.expect(UInt8(ascii: "T")) || s.expect(UInt8(ascii: " ")) || s.expect(UInt8(ascii: "t")),
            let hour = s.number(2), s.expect(UInt8(ascii: ":")), let minute = s.number(2)
        else { return nil }
        var second = 0
        var nanosecond = 0
        if s.expect(UInt8(ascii: ":")) {
            guard let s2 = s.number(2) else { return nil }
            second = s2
            if s.expect(UInt8(ascii: ".")) || s.expect(UInt8(ascii: ",")) {
                guard let fraction = s.fraction() else { return nil }
                nanosecond = fraction
            }
        }
        var offset: Int?
        if !s.atEnd {
            guard let written = s.offset() else { return nil }
            offset = written
        }
        guard s.atEnd, (1...12).contains(month), day >= 1, day <= CivilTime.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        return CivilTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond, offsetSeconds: offset)
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var k = 0

        var atEnd: Bool { k >= bytes.count }

        mutating func number(_ width: Int) -> Int? {
            guard k + width <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<width {
                let d = bytes[k] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                value = value &* 10 &+ Int(d)
                k += 1
            }
            return value
        }

        mutating func expect(_ c: UInt8) -> Bool {
            guard k < bytes.count, bytes[k] == c else { return false }
            k += 1
            return true
        }

        /// Digits after the decimal point as nanoseconds; beyond 9 ignored.
        mutating func fraction() -> Int? {
            var digits = 0
            var value = 0
            while k < bytes.count, bytes[k] &- UInt8(ascii: "0") < 10 {
                if digits < 9 { value = value &* 10 &+ Int(bytes[k] &- UInt8(ascii: "0")) }
                digits += 1
                k += 1
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 9)..<9 { value *= 10 }
            return value
        }

        /// `Z` or `±HH[[:]MM]`, in seconds east of UTC.
        mutating func offset() -> Int? {
            let sign = bytes[k]
            k += 1
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return 0 }
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let h = number(2) else { return nil }
            var m = 0
            if !atEnd {
                _ = expect(UInt8(ascii: ":"))
                guard let mm = number(2) else { return nil }
                m = mm
            }
            guard h <= 23 && m <= 59 else { return nil }
            return (sign == UInt8(ascii: "-") ? -1 : 1) * (h * 3_600 + m * 60)
        }
    }
}
