/// Appends values of any bit width, most significant bit first, to a byte array.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var accumulator: UInt64 = 0
    private var pending = 0  // bits held in `accumulator`, always < 8 between calls

    init(reservingBytes: Int = 0) { bytes.reserveCapacity(reservingBytes) }

    /// Writes the low `width` bits of `value` (width 0...64).
    mutating func write(_ value: UInt64, width: Int) {
        precondition(width >= 0 && width <= 64, "bit width out of range")
        var remaining = width
        while remaining > 0 {
            let take = min(remaining, 56 - pending)
            let shift = remaining - take
            let chunk = (value >> UInt64(shift)) & (take == 64 ? ~0 : (1 << UInt64(take)) - 1)
            accumulator = (accumulator << UInt64(take)) | chunk
            pending += take
            remaining -= take
            while pending >= 8 {
                pending -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(pending)))
            }
            accumulator &= (1 << UInt64(pending)) - 1
        }
    }

    /// Writes `count` one bits then a zero bit (a unary number).
    mutating func writeUnary(_ count: Int) {
        var left = count
        while left >= 32 {
            write(0xFFFF_FFFF, width: 32)
            left -= 32
        }
        write((1 << UInt64(left + 1)) - 2, width: left + 1)
    }

    /// Pads the last byte with zero bits and returns the bytes.
    mutating func finish() -> [UInt8] {
        if pending > 0 {
            bytes.append(UInt8(truncatingIfNeeded: accumulator << UInt64(8 - pending)))
            accumulator = 0
            pending = 0
        }
        return bytes
    }
}

/// Reads what `BitWriter` wrote; running past the end is a `BlockDecodingError`.
struct BitReader {
    private let bytes: [UInt8]
    private var bitOffset: Int

    init(_ bytes: [UInt8], byteOffset: Int) {
        self.bytes = bytes
        self.bitOffset = byteOffset * 8
    }

    /// Reads `width` bits (0...64) as an unsigned value.
    mutating func read(width: Int) throws(BlockDecodingError) -> UInt64 {
        precondition(width >= 0 && width <= 64, "bit width out of range")
        guard bitOffset + width <= bytes.count * 8 else { throw BlockDecodingError("bit stream ends early") }
        var value: UInt64 = 0
        var remaining = width
        while remaining > 0 {
            let byte = UInt64(bytes[bitOffset >> 3])
            let used = bitOffset & 7
            let available = 8 - used
            let take = min(available, remaining)
            let bits = (byte >> UInt64(available - take)) & ((1 << UInt64(take)) - 1)
            value = (value << UInt64(take)) | bits
            remaining -= take
            bitOffset += take
        }
        return value
    }

    /// Reads a unary number (ones up to a zero), failing past `limit` ones.
    mutating func readUnary(limit: Int) throws(BlockDecodingError) -> Int {
        var count = 0
        while try read(width: 1) == 1 {
            count += 1
            guard count <= limit else { throw BlockDecodingError("unary run too long") }
        }
        return count
    }
}

/// Byte-aligned LEB128 varints and zigzag signed integers, for block headers.
enum Varint {
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    static func appendSigned(_ value: Int64, to bytes: inout [UInt8]) {
        append(zigzag(value), to: &bytes)
    }

    static func read(_ bytes: [UInt8], at offset: inout Int) throws(BlockDecodingError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw BlockDecodingError("varint runs past the end") }
            let byte = bytes[offset]
            offset += 1
            guard shift < 64 else { throw BlockDecodingError("varint too long") }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    static func readSigned(_ bytes: [UInt8], at offset: inout Int) throws(BlockDecodingError) -> Int64 {
        unzigzag(try read(bytes, at: &offset))
    }

    /// Maps signed to unsigned so small magnitudes of either sign stay small.
    static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1) }
}

/// A stored block that cannot be decoded (damaged, or written by a newer format).
public struct BlockDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the bytes.
    public var description: String
    public init(_ description: String) { self.description = description }
}
