import FrugalCore

/// Splits an interval's energy across the quarter hours it spans, pro rata
/// to the time spent in each, in whole microjoules that add up exactly: part
/// i is ⌊E·tᵢ/T⌋ − ⌊E·tᵢ₋₁/T⌋ where tᵢ is the time elapsed at the end of
/// quarter i (128-bit products, so no overflow for any Int64 inputs).
public enum EnergySplit {
    /// Calls `body(quarter, energyMicrojoules)` for each quarter `[start, end)`
    /// touches, in order. An empty interval gives all its energy to `start`'s quarter.
    @inline(__always)
    public static func forEachQuarter(
        energyMicrojoules e: Int64, startNanoseconds s: Int64, endNanoseconds t: Int64,
        _ body: (_ quarter: Int64, _ energyMicrojoules: Int64) -> Void
    ) {
        precondition(t >= s, "an interval ends after it starts")
        let q = QuarterHour.nanoseconds
        var quarter = floorDiv(s, q)
        let total = t - s
        guard total > 0, (quarter + 1) * q < t else {
            body(quarter, e)
            return
        }
        var given: Int64 = 0
        while true {
            let boundary = min((quarter + 1) * q, t)
            let cumulative = share(e, boundary - s, total)
            body(quarter, cumulative - given)
            given = cumulative
            if boundary == t { return }
            quarter += 1
        }
    }

    /// The parts as an array: (quarter number, energy).
    public static func byQuarter(energy: Energy, start: Timestamp, end: Timestamp) -> [(quarter: Int64, energy: Energy)]
    {
        var parts: [(Int64, Energy)] = []
        forEachQuarter(
            energyMicrojoules: energy.microjoules, startNanoseconds: start.nanosecondsSinceEpoch,
            endNanoseconds: end.nanosecondsSinceEpoch
        ) { parts.append(($0, Energy(microjoules: $1))) }
        return parts
    }

    /// ⌊e·part/total⌋ (toward zero for negative e), exact.
    @inline(__always)
    static func share(_ e: Int64, _ part: Int64, _ total: Int64) -> Int64 {
        if part == total { return e }
        let product = e.multipliedFullWidth(by: part)
        return total.dividingFullWidth(product).quotient
    }
}
