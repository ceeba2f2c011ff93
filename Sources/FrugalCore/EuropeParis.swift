/// Local time in Europe/Paris by the EU summer-time rule (since 1996: UTC+2
/// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
/// of October, UTC+1 otherwise), computed here so that figures never depend
/// on the host's tzdata. Days in Paris have 23 hours in March and 25 in
/// October; a month's boundaries are local midnights.
public enum EuropeParis {
    /// UTC+1 or UTC+2 at the UTC instant `utcSeconds`, in seconds.
    public static func offsetSeconds(utcSeconds: Int64) -> Int64 {
        let year = CivilDate(daysSinceEpoch: floorDiv(utcSeconds, 86_400)).year
        let summerStart = lastSunday(year: year, month: 3) * 86_400 + 3_600
        let summerEnd = lastSunday(year: year, month: 10) * 86_400 + 3_600
        return utcSeconds >= summerStart && utcSeconds < summerEnd ? 7_200 : 3_600
    }

    /// The local date and seconds since local midnight of a UTC instant.
    public static func local(_ t: Timestamp) -> (date: CivilDate, secondOfDay: Int64) {
        local(utcSeconds: floorDiv(t.nanosecondsSinceEpoch, 1_000_000_000))
    }

    /// The local date and seconds since local midnight of a UTC instant in seconds.
    public static func local(utcSeconds: Int64) -> (date: CivilDate, secondOfDay: Int64) {
        let local = utcSeconds + offsetSeconds(utcSeconds: utcSeconds)
        let days = floorDiv(local, 86_400)
        return (CivilDate(daysSinceEpoch: days), local - days * 86_400)
    }

    /// The UTC instants (seconds) a Paris wall-clock time names, earliest
    /// first: one normally, none in the skipped spring hour (02:00–02:59 on
    /// the last Sunday of March: a 23-hour day), two in the repeated autumn
    /// hour (02:00–02:59 on the last Sunday of October, first at UTC+2, then
    /// at UTC+1: a 25-hour day).
    public static func utcCandidates(date: CivilDate, hour: Int, minute: Int, second: Int = 0) -> [Int64] {
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        var candidates: [Int64] = []
        for offset: Int64 in [7_200, 3_600] where offsetSeconds(utcSeconds: local - offset) == offset {
            candidates.append(local - offset)
        }
        return candidates
    }

    /// "HH:MM" local.
    public static func hourMinute(_ t: Timestamp) -> String {
        let minutes = local(t).secondOfDay / 60
        return pad(minutes / 60) + ":" + pad(minutes % 60)
    }

    /// The UTC instant of local midnight starting `date` (midnight always
    /// exists in Paris: the changes happen at 02:00 and 03:00 local).
    public static func midnight(_ date: CivilDate) -> Timestamp {
        let localSeconds = date.daysSinceEpoch * 86_400
        // The offset at the instant itself: try UTC+1 first, then UTC+2.
        let winter = localSeconds - 3_600
        let utc = offsetSeconds(utcSeconds: winter) == 3_600 ? winter : localSeconds - 7_200
        return Timestamp(secondsSinceEpoch: utc)
    }

    /// Days since 1970-01-01 of the last Sunday of `month` in `year`.
    public static func lastSunday(year: Int64, month: Int64) -> Int64 {
        let next =
            month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
        let last = next.daysSinceEpoch - 1
        return last - Int64(CivilDate(daysSinceEpoch: last).weekday + 1) % 7
    }

    static func pad(_ value: Int64) -> String { (value < 10 ? "0" : "") + String(value) }
}

/// A proleptic Gregorian date (Howard Hinnant's algorithms); its
/// description is `YYYY-MM-DD`.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int64
    /// 1–12.
    public var month: Int64
    /// 1–31.
    public var day: Int64

    public init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// A checked date: nil for 2025-02-30, month 13 or a year outside 1–9999.
    public static func valid(year: Int64, month: Int64, day: Int64) -> CivilDate? {
        guard (1...12).contains(month), day >= 1, (1...9_999).contains(year) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date ? date : nil
    }

    public init(daysSinceEpoch z0: Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    public var daysSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { Int(((daysSinceEpoch % 7) + 7 + 3) % 7) }

    /// The first day of the next month.
    public var nextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public var description: String {
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Division rounding towards −∞ (quarter hours, days and seconds of instants before 1970 too).
public func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
