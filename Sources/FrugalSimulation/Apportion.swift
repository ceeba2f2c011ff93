/// Integer apportionment that keeps sums exact.
enum Apportion {
    /// Splits `total` into integer parts proportional to `weights` that sum
    /// exactly to `total` (largest remainder; ties go to the lower index).
    /// A part whose weight is not positive gets nothing; with no positive
    /// weight everything goes to part 0.
    static func largestRemainder(total: Int64, weights: [Double]) -> [Int64] {
        precondition(!weights.isEmpty, "apportioning needs at least one part")
        precondition(weights.count < 1 << 32, "at most 2^32 parts")
        var sum = 0.0
        for weight in weights where weight > 0 { sum += weight }
        var parts = [Int64](repeating: 0, count: weights.count)
        guard sum > 0 else {
            parts[0] = total
            return parts
        }
        // Remainders packed with their index (ties: lower index first) into
        // one integer each, so the sort compares plain UInt64s: a month holds
        // millions of parts.
        var order: [UInt64] = []
        order.reserveCapacity(weights.count)
        var given: Int64 = 0
        let scale = Double(total) / sum
        for (index, weight) in weights.enumerated() where weight > 0 {
            let quota = weight * scale
            let whole = quota.rounded(.down)
            parts[index] = Int64(whole)
            given += Int64(whole)
            let fraction = UInt64(min(quota - whole, 0.999_999_999) * 4_294_967_296)
            order.append(fraction << 32 | UInt64(UInt32.max - UInt32(index)))
        }
        order.sort()  // ascending: the largest remainders are at the end
        order.reverse()
        var left = total - given
        // Floating point can leave a few units either way: cycle if needed,
        // and never take a part below zero.
        var cursor = 0
        while left > 0 {
            parts[index(order[cursor % order.count])] += 1
            left -= 1
            cursor += 1
        }
        cursor = order.count - 1
        while left < 0 {
            let target = index(order[(cursor % order.count + order.count) % order.count])
            if parts[target] > 0 {
                parts[target] -= 1
                left += 1
            }
            cursor -= 1
        }
        return parts
    }

    private static func index(_ packed: UInt64) -> Int { Int(UInt32.max - UInt32(packed & 0xFFFF_FFFF)) }
}
