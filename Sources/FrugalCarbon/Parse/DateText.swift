import FrugalCore

/// The date and time spellings eCO2mix uses: `2025-07-01` or `01/07/2025`,
/// `02:45` or `02:45:00`, and ISO 8601 with an offset
/// (`2022-01-01T18:15:00+01:00`, `2025-08-22T00:45:00+00:00`, `…Z`).
enum DateText {
    /// A calendar date, nil when it is not one.
    static func date(_ text: Substring) -> CivilDate? {
        let b = Array(text.utf8)
        if b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2)
        {
            return CivilDate.valid(year: y, month: m, day: d)
        }
        if b.count == 10, b[2] == UInt8(ascii: "/"), b[5] == UInt8(ascii: "/"),
            let d = digits(b, 0, 2), let m = digits(b, 3, 2), let y = digits(b, 6, 4)
        {
            return CivilDate.valid(year: y, month: m, day: d)
        }
        return nil
    }

    /// Seconds into the day of `HH:MM` or `HH:MM:SS` (00:00–23:59:59).
    static func timeOfDay(_ text: Substring) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 5 || b.count == 8, b[2] == UInt8(ascii: ":"),
            let h = digits(b, 0, 2), let m = digits(b, 3, 2), h < 24, m < 60
        else { return nil }
        var s: Int64 = 0
        if b.count == 8 {
            guard b[5] == UInt8(ascii: ":"), let sec = digits(b, 6, 2), sec < 60 else { return nil }
            s = sec
        }
        return Int(h * 3_600 + m * 60 + s)
    }

    /// An ISO 8601 date-time: UTC seconds when it carries an offset (or `Z`);
    /// `.local` when it has none, for the caller to place in Paris time.
    enum Instant: Equatable {
        case utc(Int64)
        case local(CivilDate, secondOfDay: Int)
    }

    static func instant(_ text: Substring) -> Instant? {
        let b = Array(text.utf8)
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            let date = date(text.prefix(10))
        else { return nil }
        var i = 16
        guard let hm = timeOfDay(Substring(decoding: b[11..<16], as: UTF8.self)) else { return nil }
        var seconds = hm
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard b.count >= 19, let s = digits(b, 17, 2), s < 60 else { return nil }
            seconds += Int(s)
            i = 19
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {  // fractional seconds: eCO2mix steps are whole minutes
            i += 1
            while i < b.count, (48...57).contains(b[i]) { i += 1 }
        }
        if i == b.count { return .local(date, secondOfDay: seconds) }
        let base = date.daysSinceEpoch * 86_400 + Int64(seconds)
        if b[i] == UInt8(ascii: "Z") { return i + 1 == b.count ? .utc(base) : nil }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        let rest = Array(b[(i + 1)...])
        let offset: Int64?
        switch rest.count {
        case 5 where rest[2] == UInt8(ascii: ":"): offset = hhmm(rest, 0, 3)
        case 4: offset = hhmm(rest, 0, 2)
        case 2: offset = digits(rest, 0, 2).map { $0 * 3_600 }
        default: offset = nil
        }
        guard let offset, offset <= 14 * 3_600 else { return nil }
        return .utc(base - sign * offset)
    }

    private static func hhmm(_ b: [UInt8], _ h: Int, _ m: Int) -> Int64? {
        guard let hours = digits(b, h, 2), let minutes = digits(b, m, 2), minutes < 60 else { return nil }
        return hours * 3_600 + minutes * 60
    }

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int64? {
        guard start + count <= b.count else { return nil }
        var value: Int64 = 0
        for i in start..<(start + count) {
            guard (48...57).contains(b[i]) else { return nil }
            value = value * 10 + Int64(b[i] - 48)
        }
        return value
    }
}
