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
        var scratch = Scratch()
        return split(total, by: weights, into: &parts, scratch: &scratch)
    }

    /// Buffers a caller splitting in a loop keeps between calls.
    struct Scratch {
        var fractions: [Double] = []
        var order: [Int] = []
    }

    static func split(_ total: Int64, by weights: [Double], into parts: inout [Int64], scratch: inout Scratch) -> Bool {
        precondition(total >= 0, "cannot split a negative amount")
        var sum = 0.0
        for weight in weights {
            precondition(weight >= 0 && weight.isFinite, "weights must be finite and non-negative")
            sum += weight
        }
        guard sum > 0 else { return false }
        if parts.count != weights.count {
            parts.removeAll(keepingCapacity: true)
            parts.append(contentsOf: repeatElement(0, count: weights.count))
        }
        if weights.count == 1 {
            parts[0] = total
            return true
        }
        var assigned: Int64 = 0
        let scale = Double(total) / sum
        scratch.fractions.removeAll(keepingCapacity: true)
        for index in weights.indices {
            let quota = weights[index] * scale
            let floor = min(Int64(quota.rounded(.down)), total)
            parts[index] = floor
            assigned += floor
            // A zero weight never takes a unit left over: −1 marks it (and a used fraction).
            scratch.fractions.append(weights[index] > 0 ? quota - Double(floor) : -1)
        }
        var left = total - assigned
        if left > 0 { handOut(&left, weights: weights, parts: &parts, scratch: &scratch) }
        // Rounding of quotas in floating point can overshoot by a unit: take it back.
        while left < 0 {
            let index = parts.indices.filter { parts[$0] > 0 }.min { scratch.fractions[$0] < scratch.fractions[$1] }!
            parts[index] -= 1
            left += 1
        }
        return true
    }

    /// Gives the `left` units one each to the largest fractions (the earlier
    /// index first among equals), then any still left to the heaviest weight.
    private static func handOut(_ left: inout Int64, weights: [Double], parts: inout [Int64], scratch: inout Scratch) {
        if left <= 4 {
            // Most intervals leave a few units: one scan per unit.
            while left > 0 {
                var bestIndex = -1
                var bestFraction = -1.0
                for index in scratch.fractions.indices where scratch.fractions[index] > bestFraction {
                    bestFraction = scratch.fractions[index]
                    bestIndex = index
                }
                guard bestIndex >= 0 else { break }
                parts[bestIndex] += 1
                scratch.fractions[bestIndex] = -1
                left -= 1
            }
        } else {
            scratch.order.removeAll(keepingCapacity: true)
            scratch.order.append(contentsOf: scratch.fractions.indices)
            let fractions = scratch.fractions
            scratch.order.sort { fractions[$0] > fractions[$1] || (fractions[$0] == fractions[$1] && $0 < $1) }
            for index in scratch.order {
                guard left > 0, scratch.fractions[index] >= 0 else { break }
                parts[index] += 1
                scratch.fractions[index] = -1
                left -= 1
            }
        }
        if left > 0 {
            // Every fraction was used (floating point left more units than
            // parts): the heaviest weight takes the rest.
            let heaviest = weights.indices.max { weights[$0] < weights[$1] }!
            parts[heaviest] += left
            left = 0
        }
    }
}
