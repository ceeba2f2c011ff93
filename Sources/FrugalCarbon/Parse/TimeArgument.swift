import FrugalCore

/// Times as people type them on the command line: a Paris calendar day
/// (`2025-08-22`, its local midnight) or an ISO 8601 instant with its offset
/// (`2025-08-22T00:00:00Z`, `2025-10-26T02:30:00+01:00`).
public enum TimeArgument {
    /// UTC seconds, nil when `text` is neither form (or names a skipped local time).
    public static func utcSeconds(_ text: String) -> Int64? {
        let s = Substring(text)
        if let date = DateText.date(s) {
            return EuropeParis.utcCandidates(date: date, hour: 0, minute: 0).first
        }
        switch DateText.instant(s) {
        case .utc(let seconds): return seconds
        case .local(let date, let second):
            return EuropeParis.utcCandidates(
                date: date, hour: second / 3_600, minute: second / 60 % 60, second: second % 60
            ).first
        case nil: return nil
        }
    }

    /// `2025-08-22T00:45Z` for a UTC instant.
    public static func utcText(seconds: Int64) -> String {
        let days = floorDiv(seconds, 86_400)
        let second = seconds - days * 86_400
        return "\(CivilDate(daysSinceEpoch: days))T\(pad(second / 3_600)):\(pad(second / 60 % 60))Z"
    }

    /// `2025-08-22 02:45` Paris wall-clock time, with `+02:00`/`+01:00`.
    public static func parisText(seconds: Int64) -> String {
        let local = EuropeParis.local(utcSeconds: seconds)
        let offset = EuropeParis.offsetSeconds(utcSeconds: seconds) / 3_600
        return "\(local.date) \(pad(local.secondOfDay / 3_600)):\(pad(local.secondOfDay / 60 % 60)) (+0\(offset):00)"
    }

    private static func pad(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
