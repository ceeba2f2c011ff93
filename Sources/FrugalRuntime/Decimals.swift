/// Numbers as people read them in Frugal's text outputs.
public enum Decimals {
    /// A number with `digits` decimals, rounded half away from zero, without Foundation formatting.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        let scaled = Int64((value * factor).rounded())
        let whole = scaled / Int64(factor)
        let fraction = abs(scaled % Int64(factor))
        guard digits > 0 else { return String(whole) }
        let padded =
            String(fraction).count < digits
            ? String(repeating: "0", count: digits - String(fraction).count) + String(fraction) : String(fraction)
        return "\(scaled < 0 && whole == 0 ? "-" : "")\(whole).\(padded)"
    }
}
