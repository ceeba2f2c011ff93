/// Codes one column of signed residuals with the cheapest of a few schemes,
/// chosen per block by exact cost:
///
/// * the residuals are divided by their greatest common divisor (NVML counts
///   millijoules, so its energy deltas are multiples of 1,000 µJ);
/// * the quotients are zigzagged (small magnitudes of either sign stay small);
/// * they are bit-packed at one width for the whole block (frame of reference),
///   or Rice-coded with the best parameter k, where a burst would otherwise
///   widen every value of the block. A Rice quotient of `escapeQuotient` or
///   more is written as an escape plus the value's own width and bits.
enum ColumnCoder {
    /// How the values are written.
    enum Coding: Hashable {
        /// Every value in `width` bits (0 when all values are zero).
        case fixed(width: Int)
        /// Rice code with parameter `k`.
        case rice(k: Int)
    }

    /// A chosen coding for one column: header fields and the values to write.
    struct Plan {
        var divisor: UInt64
        var coding: Coding
        var values: [UInt64]
        /// Cost of the bit stream, in bits, plus the header, in bits.
        var costBits: Int
    }

    static let escapeQuotient = 20

    /// Chooses the cheapest coding for `residuals`.
    static func plan(_ residuals: [Int64]) -> Plan {
        var divisor: UInt64 = 0
        for r in residuals where r != 0 {
            divisor = gcd(divisor, r.magnitude)
            if divisor == 1 { break }
        }
        let values: [UInt64] = residuals.map { r in
            guard divisor > 1 else { return Varint.zigzag(r) }
            let quotient = r.magnitude / divisor
            // Magnitude 2^63 only comes from Int64.min, whose quotient is negative.
            let signed = r < 0 ? Int64(truncatingIfNeeded: 0 &- quotient) : Int64(quotient)
            return Varint.zigzag(signed)
        }
        let maxValue = values.max() ?? 0
        let width = 64 - maxValue.leadingZeroBitCount
        var best = Coding.fixed(width: width)
        var bestBits = values.count * width
        if width > 0 {
            // The best Rice parameter sits near log2 of the mean: try a few around it.
            var sum = 0.0
            for v in values { sum += Double(v) }
            let mean = sum / Double(values.count)
            let center = min(width - 1, mean < 2 ? 0 : Int(mean.exponent))
            for k in max(0, center - 2)..<min(width, center + 3) {
                let bits = riceCost(values, k: k)
                if bits < bestBits {
                    bestBits = bits
                    best = .rice(k: k)
                }
            }
        }
        let headerBits = 8 * (Varint.byteCount(divisor) + 1)
        return Plan(divisor: divisor, coding: best, values: values, costBits: bestBits + headerBits)
    }

    private static func riceCost(_ values: [UInt64], k: Int) -> Int {
        var bits = 0
        for v in values {
            let q = v >> UInt64(k)
            if q < UInt64(escapeQuotient) {
                bits += Int(q) + 1 + k
            } else {
                bits += escapeQuotient + 1 + 6 + (64 - v.leadingZeroBitCount)
            }
        }
        return bits
    }

    /// Writes the plan's header: the divisor, then one byte for the coding.
    static func writeHeader(_ plan: Plan, to bytes: inout [UInt8]) {
        Varint.append(plan.divisor, to: &bytes)
        switch plan.coding {
        case .fixed(let width): bytes.append(UInt8(width))
        case .rice(let k): bytes.append(0x80 | UInt8(k))
        }
    }

    /// Writes the plan's values to the bit stream.
    static func writeValues(_ plan: Plan, to writer: inout BitWriter) {
        switch plan.coding {
        case .fixed(let width):
            guard width > 0 else { return }
            for v in plan.values { writer.write(v, width: width) }
        case .rice(let k):
            for v in plan.values {
                let q = v >> UInt64(k)
                if q < UInt64(escapeQuotient) {
                    writer.writeUnary(Int(q))
                    writer.write(v, width: k)
                } else {
                    let width = 64 - v.leadingZeroBitCount
                    writer.writeUnary(escapeQuotient)
                    writer.write(UInt64(width - 1), width: 6)
                    writer.write(v, width: width)
                }
            }
        }
    }

    /// Reads a header written by `writeHeader`.
    static func readHeader(_ bytes: [UInt8], at offset: inout Int) throws(BlockDecodingError) -> (UInt64, Coding) {
        let divisor = try Varint.read(bytes, at: &offset)
        guard offset < bytes.count else { throw BlockDecodingError("column header ends early") }
        let byte = bytes[offset]
        offset += 1
        if byte & 0x80 != 0 {
            let k = Int(byte & 0x7f)
            guard k < 64 else { throw BlockDecodingError("rice parameter out of range") }
            return (divisor, .rice(k: k))
        }
        guard byte <= 64 else { throw BlockDecodingError("bit width out of range") }
        return (divisor, .fixed(width: Int(byte)))
    }

    /// Reads `count` residuals coded as the header says.
    static func readValues(
        count: Int, divisor: UInt64, coding: Coding, from reader: inout BitReader
    ) throws(BlockDecodingError) -> [Int64] {
        var residuals: [Int64] = []
        residuals.reserveCapacity(count)
        for _ in 0..<count {
            let v: UInt64
            switch coding {
            case .fixed(let width):
                v = try reader.read(width: width)
            case .rice(let k):
                let q = try reader.readUnary(limit: escapeQuotient)
                if q < escapeQuotient {
                    v = (UInt64(q) << UInt64(k)) | (try reader.read(width: k))
                } else {
                    let width = Int(try reader.read(width: 6)) + 1
                    v = try reader.read(width: width)
                }
            }
            let signed = Varint.unzigzag(v)
            residuals.append(divisor > 1 ? signed &* Int64(bitPattern: divisor) : signed)
        }
        return residuals
    }

    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}

extension Varint {
    static func byteCount(_ value: UInt64) -> Int { max(1, (64 - value.leadingZeroBitCount + 6) / 7) }
}
