import FrugalCore

/// Parsing of the quantities a person writes in a config file: durations
/// like `"1s"`, `"250ms"`, `"1h30m"`, `"30d"` and powers like `"5kW"`, `"450 W"`.
public enum Quantities {
    private static let durationUnits: [(String, Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
    ]
    private static let powerUnits: [(String, Double)] = [
        ("µW", 1), ("uW", 1), ("mW", 1_000), ("W", 1_000_000), ("kW", 1_000_000_000),
    ]

    /// Parses `"1h30m"`, `"500ms"`, `"7d"`; nil when the text is not a duration.
    public static func duration(_ text: String) -> Duration? {
        let terms = splitTerms(text)
        guard !terms.isEmpty else { return nil }
        var total = 0.0
        for (number, unit) in terms {
            guard let factor = durationUnits.first(where: { $0.0 == unit })?.1 else { return nil }
            total += number * Double(factor)
        }
        // Sub-nanosecond parts and durations beyond ~292 years are not durations we accept.
        guard total < 9.2e18, total == total.rounded() else { return nil }
        return .nanoseconds(Int64(total))
    }

    /// Parses `"5kW"`, `"450 W"`, `"250mW"`; nil when the text is not a power.
    public static func power(_ text: String) -> Power? {
        let terms = splitTerms(text)
        guard terms.count == 1, let (number, unit) = terms.first,
            let factor = powerUnits.first(where: { $0.0 == unit })?.1
        else { return nil }
        return Power(microwatts: Int64((number * factor).rounded()))
    }

    /// Writes a duration back the way a person would (`"1s"`, `"250ms"`, `"30d"`).
    public static func format(_ duration: Duration) -> String {
        let ns = duration.nanoseconds
        for (unit, factor) in durationUnits.reversed() where unit != "µs" && ns != 0 && ns % factor == 0 {
            return "\(ns / factor)\(unit)"
        }
        return "\(ns)ns"
    }

    /// Writes a power with its unit (`"5kW"`, `"450W"`).
    public static func format(_ power: Power) -> String {
        let uw = power.microwatts
        if uw != 0 && uw % 1_000_000_000 == 0 { return "\(uw / 1_000_000_000)kW" }
        if uw % 1_000_000 == 0 { return "\(uw / 1_000_000)W" }
        return "\(uw)µW"
    }

    /// Splits "1h30m" into [(1, "h"), (30, "m")]; empty on any malformed part.
    private static func splitTerms(_ text: String) -> [(Double, String)] {
        var terms: [(Double, String)] = []
        var rest = Substring(text.filter { $0 != " " })
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            let unit = rest.dropFirst(number.count).prefix { !$0.isNumber && $0 != "." }
            guard let value = Double(number), !unit.isEmpty, value >= 0 else { return [] }
            terms.append((value, String(unit)))
            rest = rest.dropFirst(number.count + unit.count)
        }
        return terms
    }
}
