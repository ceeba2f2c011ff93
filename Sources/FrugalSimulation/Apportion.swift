/// Integer apportionment that keeps sums exact.
enum Apportion {
    /// Splits `total` into integer parts proportional to `weights` that sum
    /// exactly to `total` (largest remainder; ties go to the lower index).
    /// With no positive weight everything goes to part 0.
    static func largestRemainder(total: Int64, weights: [Double]) -> [Int64] {
        precondition(!weights.isEmpty, "apportioning needs at least one part")
        let sum = weights.reduce(0) { $0 + max(0, $1) }
        var parts = [Int64](repeating: 0, count: weights.count)
        guard sum > 0 else {
            parts[0] = total
            return parts
        }
        var fractions: [(fraction: Double, index: Int)] = []
        fractions.reserveCapacity(weights.count)
        for (index, weight) in weights.enumerated() {
            let quota = max(0, weight) / sum * Double(total)
            let whole = quota.rounded(.down)
            parts[index] = Int64(whole)
            fractions.append((quota - whole, index))
        }
        var left = total - parts.reduce(0, +)
        // Floating point can leave a few units either way; hand them out by
        // remainder, cycling if needed, never taking a part below zero.
        fractions.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.index < $1.index }
        var cursor = 0
        while left > 0 {
            parts[fractions[cursor % fractions.count].index] += 1
            left -= 1
            cursor += 1
        }
        cursor = fractions.count - 1
        while left < 0 {
            let index = fractions[(cursor % fractions.count + fractions.count) % fractions.count].index
            if parts[index] > 0 {
                parts[index] -= 1
                left += 1
            }
            cursor -= 1
        }
        return parts
    }
}
