/// Europe/Paris civil time by the EU summer-time rule (Directive 2000/84/EC,
/// in force since 1996): UTC+2 from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October, UTC+1 otherwise. Computed here,
/// not with Foundation's `TimeZone`, so that parsing eCO2mix local times does
/// not depend on the host's tzdata.
///
/// At the spring change local 02:00–02:59 does not exist (a 23-hour day); at
/// the autumn change local 02:00–02:59 happens twice (a 25-hour day), first
/// at UTC+2, then at UTC+1.
public enum ParisTime {
    /// UTC+1 or UTC+2, in seconds, at a UTC instant.
    public static func offsetSeconds(utcSeconds: Int64) -> Int64 {
        let year = CivilDate(days: floorDiv(utcSeconds, 86_400)).year
        let summerStart = lastSunday(year: year, month: 3) * 86_400 + 3_600
        let summerEnd = lastSunday(year: year, month: 10) * 86_400 + 3_600
        return utcSeconds >= summerStart && utcSeconds < summerEnd ? 7_200 : 3_600
    }

    /// The UTC instants (seconds) a Paris wall-clock time names, earliest
    /// first: one normally, none in the skipped spring hour, two in the
    /// repeated autumn hour.
    public static func utcCandidates(date: CivilDate, hour: Int, minute: Int, second: Int = 0) -> [Int64] {
        let local = date.daysSinceEpoch * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        var candidates: [Int64] = []
        for offset: Int64 in [7_200, 3_600] where offsetSeconds(utcSeconds: local - offset) == offset {
            candidates.append(local - offset)
        }
        return candidates
    }

    /// The Paris wall-clock date and seconds into that day at a UTC instant.
    public static func local(utcSeconds: Int64) -> (date: CivilDate, secondOfDay: Int64) {
        let local = utcSeconds + offsetSeconds(utcSeconds: utcSeconds)
        let days = floorDiv(local, 86_400)
        return (CivilDate(days: days), local - days * 86_400)
    }

    /// Days since 1970-01-01 of the last Sunday of `month` in `year`.
    static func lastSunday(year: Int64, month: Int64) -> Int64 {
        let next =
            month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
        let lastDay = next.daysSinceEpoch - 1
        return lastDay - Int64((CivilDate.weekday(days: lastDay) + 1) % 7)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
