/// Decoding of the few values a query asks for. The walker has already
/// validated the bytes, so these only translate.
enum JSONText {
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b &- UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b &- UInt8(ascii: "a") &+ 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b &- UInt8(ascii: "A") &+ 10)
        default: nil
        }
    }

    /// The string between the quotes; unescaped only when it has escapes.
    static func decodeString(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        if !escaped { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: unescape(raw), as: UTF8.self)
    }

    /// The UTF-8 bytes a validated JSON string body stands for. A lone
    /// surrogate (`\ud800` without its pair) becomes U+FFFD.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        while k < raw.count {
            let b = raw[k]
            guard b == UInt8(ascii: "\\"), k + 1 < raw.count else {
                out.append(b)
                k += 1
                continue
            }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(raw, at: k) ?? 0xFFFD
                k += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u"),
                        let low = hex4(raw, at: k + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        k += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
            default: out.append(e)  // " \ /
            }
        }
        return out
    }

    static func hex4(_ raw: UnsafeBufferPointer<UInt8>, at k: Int) -> UInt32? {
        guard k + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for j in k..<k + 4 {
            guard let h = hexValue(raw[j]) else { return nil }
            value = value << 4 | h
        }
        return value
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { out.append(unit) }
    }

    /// A number, `true`, `false` or `null` as written.
    static func decodeScalar(_ raw: UnsafeBufferPointer<UInt8>) -> JSONValue {
        switch raw.first {
        case UInt8(ascii: "t"): return .bool(true)
        case UInt8(ascii: "f"): return .bool(false)
        case UInt8(ascii: "n"): return .null
        default: return decodeNumber(raw)
        }
    }

    /// An integer when written as one and within 64 bits, else a double.
    static func decodeNumber(_ raw: UnsafeBufferPointer<UInt8>) -> JSONValue {
        var negative = false
        var k = 0
        if raw.first == UInt8(ascii: "-") {
            negative = true
            k = 1
        }
        var magnitude: UInt64 = 0
        var integral = k < raw.count
        while k < raw.count {
            let digit = raw[k] &- UInt8(ascii: "0")
            guard digit < 10 else {
                integral = false
                break
            }
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(digit))
            guard !o1 && !o2 else {
                integral = false
                break
            }
            magnitude = sum
            k += 1
        }
        if integral {
            if !negative && magnitude <= UInt64(Int64.max) { return .int(Int64(magnitude)) }
            if negative && magnitude <= UInt64(Int64.max) + 1 { return .int(Int64(truncatingIfNeeded: 0 &- magnitude)) }
        }
        return .double(Double(String(decoding: raw, as: UTF8.self)) ?? .nan)
    }
}
