/// Splits an integer amount in proportion to weights so that the parts add
/// up to the amount exactly: each part gets the floor of its quota, and the
/// units left over go to the largest fractional remainders (Hamilton's
/// method). Ties go to the earlier index, so the split is deterministic.
public enum LargestRemainder {
    /// - Returns: one part per weight, summing to `total`; nil when every
    ///   weight is zero (nothing to split by).
    /// - Precondition: `total >= 0`, weights finite and non-negative.
    public static func split(_ total: Int64, by weights: [Double]) -> [Int64]? {
        var parts = [Int64](repeating: 0, count: weights.count)
        return split(total, by: weights, into: &parts) ? parts : nil
    }

    /// The allocation-free form used by the attribution sweep: writes the
    /// parts into `parts` (resized to `weights.count`). False when all
    /// weights are zero.
    public static func split(_ total: Int64, by weights: [Double], into parts: inout [Int64]) -> Bool {
        precondition(total >= 0, "cannot split a negative amount")
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return false }
        if parts.count != weights.count { parts = [Int64](repeating: 0, count: weights.count) }
        if weights.count == 1 {
            parts[0] = total
            return true
        }
        var assigned: Int64 = 0
        var bestIndex = 0
        var bestFraction = -1.0
        // Most intervals leave a remainder of a few units: hand them out one
        // at a time to the largest fraction left, clearing it after each.
        var fractions = [Double](repeating: 0, count: weights.count)
        let scale = Double(total) / sum
        for index in weights.indices {
            precondition(weights[index] >= 0 && weights[index].isFinite, "weights must be finite and non-negative")
            let quota = weights[index] * scale
            let floor = min(Int64(quota.rounded(.down)), total)
            parts[index] = floor
            assigned += floor
            fractions[index] = quota - Double(floor)
        }
        var left = total - assigned
        while left > 0 {
            bestIndex = 0
            bestFraction = -1
            for index in fractions.indices where fractions[index] > bestFraction && weights[index] > 0 {
                bestFraction = fractions[index]
                bestIndex = index
            }
            if bestFraction < 0 {
                // Every fraction was used (floating point left more units than
                // parts): the heaviest weight takes the rest.
                bestIndex = weights.indices.max { weights[$0] < weights[$1] }!
            }
            parts[bestIndex] += 1
            fractions[bestIndex] = -1
            left -= 1
        }
        // Rounding of quotas in floating point can overshoot by a unit: take it back.
        while left < 0 {
            let index = parts.indices.filter { parts[$0] > 0 }.min { fractions[$0] < fractions[$1] }!
            parts[index] -= 1
            left += 1
        }
        return true
    }
}
