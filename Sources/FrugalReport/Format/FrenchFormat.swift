/// Numbers, dates and months as French typography writes them: digits grouped
/// by three with a narrow no-break space (U+202F), a decimal comma, a no-break
/// space (U+00A0) between a number and its unit, a narrow one before "%".
public enum FrenchFormat {
    /// U+202F, between digit groups and before "%".
    public static let narrowSpace = "\u{202F}"
    /// U+00A0, between a number and its unit.
    public static let unitSpace = "\u{00A0}"
    /// U+2212, the minus sign.
    public static let minus = "\u{2212}"

    /// `value` with exactly `decimals` decimals, rounded half away from zero:
    /// 1234.5 → "1 234,5".
    public static func number(_ value: Double, decimals: Int) -> String {
        precondition((0...9).contains(decimals), "0 to 9 decimals")
        guard value.isFinite else { return "–" }
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = (abs(value) * factor).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / UInt64(factor)
        let fraction = units % UInt64(factor)
        var text = grouped(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "," + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return units == 0 || value > 0 ? text : minus + text
    }

    /// An integer with grouped digits: 1234567 → "1 234 567".
    public static func integer(_ value: Int64) -> String {
        value < 0 ? minus + grouped(value.magnitude) : grouped(UInt64(value))
    }

    /// `value` with about `significant` significant digits, never more than
    /// `maxDecimals` decimals and never fewer than none: 0.01234 → "0,0123",
    /// 12.34 → "12,3", 12345.6 → "12 346".
    /// A value too small for `maxDecimals` is written "< 0,0001", never "0,0000".
    public static func approximate(_ value: Double, significant: Int = 3, maxDecimals: Int = 4) -> String {
        let decimals = decimalsFor(value, significant: significant, maxDecimals: maxDecimals)
        var smallest = 1.0
        for _ in 0..<decimals { smallest /= 10 }
        if value != 0, abs(value) < smallest / 2 {
            return "<" + unitSpace + (value < 0 ? minus : "") + number(smallest, decimals: decimals)
        }
        return number(value, decimals: decimals)
    }

    /// The decimals `approximate` uses for `value`.
    public static func decimalsFor(_ value: Double, significant: Int = 3, maxDecimals: Int = 4) -> Int {
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude > 0 else { return 0 }
        var digitsBeforePoint = 0
        var scaled = magnitude
        while scaled >= 1 {
            scaled /= 10
            digitsBeforePoint += 1
        }
        if digitsBeforePoint > 0 { return max(0, min(maxDecimals, significant - digitsBeforePoint)) }
        var leadingZeros = 0
        scaled = magnitude
        while scaled < 0.1 {
            scaled *= 10
            leadingZeros += 1
        }
        return max(0, min(maxDecimals, leadingZeros + significant))
    }

    /// A number and its unit: "1 234,5 kWh".
    public static func quantity(_ value: Double, decimals: Int, unit: String) -> String {
        number(value, decimals: decimals) + unitSpace + unit
    }

    /// A percentage of a fraction: 0.125 → "12,5 %".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        number(fraction * 100, decimals: decimals) + narrowSpace + "%"
    }

    /// A signed change, "+12,5 %" or "−3,0 %".
    public static func change(_ fraction: Double, decimals: Int = 1) -> String {
        let text = percent(fraction, decimals: decimals)
        return text.hasPrefix(minus) || number(fraction * 100, decimals: decimals).allSatisfy({ "0,".contains($0) })
            ? text : "+" + text
    }

    /// Month names, lowercase as French writes them ("octobre").
    public static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]

    /// Short month names for chart axes ("oct.").
    public static let shortMonthNames = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ]

    /// "octobre 2026".
    public static func month(_ month: ReportMonth) -> String {
        "\(monthNames[month.month - 1]) \(month.year)"
    }

    /// "1er octobre 2026", "23 novembre 2026".
    public static func date(year: Int, month: Int, day: Int) -> String {
        "\(day == 1 ? "1er" : String(day)) \(monthNames[month - 1]) \(year)"
    }

    private static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += narrowSpace }
            text.append(digit)
        }
        return text
    }
}
