/// Codes one column of signed residuals with the cheapest of a few schemes,
/// chosen per block by exact cost:
///
/// * the residuals are divided by their greatest common divisor (NVML counts
///   millijoules, so its energy deltas are multiples of 1,000 µJ);
/// * the quotients are zigzagged (small magnitudes of either sign stay small);
/// * a one-sided column (all above some minimum) may instead subtract its
///   minimum, which halves what zigzag would spend on a sign never used;
/// * they are bit-packed at one width for the whole block (frame of reference),
///   or Rice-coded with the best parameter k, where a burst would otherwise
///   widen every value of the block. A Rice quotient of `escapeQuotient` or
///   more is written as an escape plus the value's own width and bits.
enum ColumnCoder {
    /// How the values are written.
    enum Coding: Hashable {
        /// Every value in `width` bits, 0...63 (0 when all values are zero).
        case fixed(width: Int)
        /// Rice code with parameter `k`, 0...63.
        case rice(k: Int)
    }

    /// A chosen coding for one column: header fields and the values to write.
    struct Plan {
        var divisor: UInt64
        /// When set, values are `quotient - offset` (all >= 0) instead of zigzagged
        /// quotients: cheaper for one-sided residuals such as wake-up latencies.
        var offset: Int64?
        var coding: Coding
        var values: [UInt64]
        /// Cost of the bit stream plus the header, in bits.
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
        let quotients: [Int64] = residuals.map { r in
            guard divisor > 1 else { return r }
            let quotient = r.magnitude / divisor
            // Magnitude 2^63 only comes from Int64.min, whose quotient is negative.
            return r < 0 ? Int64(truncatingIfNeeded: 0 &- quotient) : Int64(quotient)
        }
        let headerBits = 8 * (Varint.byteCount(divisor) + 1)
        let zigzagged = quotients.map(Varint.zigzag)
        let (zigzagCoding, zigzagBits) = cheapestCoding(zigzagged)
        var best = Plan(
            divisor: divisor, offset: nil, coding: zigzagCoding, values: zigzagged, costBits: zigzagBits + headerBits)
        if let minimum = quotients.min(), minimum != 0 {
            let shifted = quotients.map { UInt64(bitPattern: $0 &- minimum) }
            let (coding, bits) = cheapestCoding(shifted)
            let cost = bits + headerBits + 8 * Varint.byteCount(Varint.zigzag(minimum))
            if cost < best.costBits {
                best = Plan(divisor: divisor, offset: minimum, coding: coding, values: shifted, costBits: cost)
            }
        }
        return best
    }

    private static func cheapestCoding(_ values: [UInt64]) -> (Coding, Int) {
        let maxValue = values.max() ?? 0
        let width = 64 - maxValue.leadingZeroBitCount
        var best = Coding.rice(k: 63)
        var bestBits = Int.max
        if width < 64 {
            best = .fixed(width: width)
            bestBits = values.count * width
        }
        guard width > 0 else { return (best, bestBits) }
        // The best Rice parameter sits near log2 of the mean: try a few around it.
        var sum = 0.0
        for v in values { sum += Double(v) }
        let mean = sum / Double(values.count)
        let center = min(width - 1, mean < 2 ? 0 : Int(mean.exponent))
        for k in max(0, center - 2)..<min(width, center + 3, 64) {
            let bits = riceCost(values, k: k)
            if bits < bestBits {
                bestBits = bits
                best = .rice(k: k)
            }
        }
        return (best, bestBits)
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

    /// Writes the plan's header: the divisor, one byte for the coding
    /// (bit 7 Rice, bit 6 offset, bits 0-5 width or k), then the offset if any.
    static func writeHeader(_ plan: Plan, to bytes: inout [UInt8]) {
        Varint.append(plan.divisor, to: &bytes)
        let flags: UInt8 = plan.offset == nil ? 0 : 0x40
        switch plan.coding {
        case .fixed(let width): bytes.append(flags | UInt8(width))
        case .rice(let k): bytes.append(0x80 | flags | UInt8(k))
        }
        if let offset = plan.offset { Varint.appendSigned(offset, to: &bytes) }
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

    /// A column header as `writeHeader` wrote it.
    struct Header {
        var divisor: UInt64
        var offset: Int64?
        var coding: Coding
    }

    /// Reads a header written by `writeHeader`.
    static func readHeader(_ bytes: [UInt8], at offset: inout Int) throws(BlockDecodingError) -> Header {
        let divisor = try Varint.read(bytes, at: &offset)
        guard offset < bytes.count else { throw BlockDecodingError("column header ends early") }
        let byte = bytes[offset]
        offset += 1
        let parameter = Int(byte & 0x3f)
        let coding: Coding = byte & 0x80 != 0 ? .rice(k: parameter) : .fixed(width: parameter)
        let valueOffset = byte & 0x40 != 0 ? try Varint.readSigned(bytes, at: &offset) : nil
        return Header(divisor: divisor, offset: valueOffset, coding: coding)
    }

    /// Reads `count` residuals coded as the header says.
    static func readValues(count: Int, header: Header, from reader: inout BitReader) throws(BlockDecodingError)
        -> [Int64]
    {
        var residuals: [Int64] = []
        residuals.reserveCapacity(count)
        for _ in 0..<count {
            let v: UInt64
            switch header.coding {
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
            let signed = header.offset.map { Int64(bitPattern: v) &+ $0 } ?? Varint.unzigzag(v)
            residuals.append(header.divisor > 1 ? signed &* Int64(bitPattern: header.divisor) : signed)
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
