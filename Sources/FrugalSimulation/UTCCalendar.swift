import FrugalCore

/// UTC text for the simulated logs: exact integers, no Foundation, no tzdata
/// (dates from FrugalCore's `CivilDate`).
enum UTCCalendar {
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
        let date = CivilDate(daysSinceEpoch: days)
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
