extension JSONWalker {
    /// Validates one value of any type and moves past it.
    mutating func skipValue(depth: Int) throws(JSONScanError) {
        let b = try peek()
        switch b {
        case UInt8(ascii: "\""):
            i &+= 1
            _ = try scanString()
        case UInt8(ascii: "{"):
            try walkObject(node: -1, depth: depth &+ 1)
        case UInt8(ascii: "["):
            try skipArray(depth: depth &+ 1)
        case UInt8(ascii: "t"):
            try literal("true")
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
        default:
            throw .unexpected(byte: b, offset: i)
        }
    }

    mutating func skipArray(depth: Int) throws(JSONScanError) {
        guard depth <= limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
        i &+= 1  // [
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") {
            i &+= 1
            return
        }
        while true {
            try skipValue(depth: depth)
            skipWhitespace()
            let b = try peek()
            i &+= 1
            if b == UInt8(ascii: "]") { return }
            guard b == UInt8(ascii: ",") else { throw .unexpected(byte: b, offset: i &- 1) }
            skipWhitespace()
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let bytes = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount {
            guard i < end else { throw .truncated }
            guard base[i] == bytes[k] else { throw .unexpected(byte: base[i], offset: i) }
            i &+= 1
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func scanNumber() throws(JSONScanError) {
        if base[i] == UInt8(ascii: "-") { i &+= 1 }
        let b = try peek()
        if b == UInt8(ascii: "0") {
            i &+= 1
        } else if isDigit(b) {
            skipDigits()
        } else {
            throw .unexpected(byte: b, offset: i)
        }
        // The line may end right after a number: the enclosing object's
        // closing brace is then what is missing, reported by the caller.
        if i < end && base[i] == UInt8(ascii: ".") {
            i &+= 1
            try requireDigits()
        }
        if i < end && (base[i] | 0x20) == UInt8(ascii: "e") {
            i &+= 1
            if try peek() == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i &+= 1 }
            try requireDigits()
        }
    }

    @inline(__always)
    func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    mutating func skipDigits() {
        while i < end && isDigit(base[i]) { i &+= 1 }
    }

    mutating func requireDigits() throws(JSONScanError) {
        let b = try peek()
        guard isDigit(b) else { throw .unexpected(byte: b, offset: i) }
        skipDigits()
    }

    /// Moves past a string whose opening quote is already consumed; returns
    /// whether it holds escapes. Eight bytes at a time while they are plain
    /// ASCII with no quote, backslash or control byte.
    mutating func scanString() throws(JSONScanError) -> Bool {
        let start = i
        var escaped = false
        while true {
            while i &+ 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let special = Self.specialBytes(word)
                if special == 0 {
                    i &+= 8
                } else {
                    i &+= special.trailingZeroBitCount >> 3
                    break
                }
            }
            guard i < end else { throw .truncated }
            let b = base[i]
            if b == UInt8(ascii: "\"") {
                i &+= 1
                guard i &- 1 &- start <= limits.maxStringBytes else {
                    throw .stringTooLong(limit: limits.maxStringBytes)
                }
                return escaped
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
            } else if b < 0x20 {
                throw .unexpected(byte: b, offset: i)
            } else if b >= 0x80 {
                try scanUTF8Scalar()
            } else {
                i &+= 1
            }
        }
    }

    /// A mask with the high bit set in each byte that is a quote, a backslash,
    /// below 0x20 or above 0x7F. Bytes after the first flagged one may be
    /// flagged wrongly (borrows); the first flag is always right.
    @inline(__always)
    static func specialBytes(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (w &- ones &* 0x20) & ~w
        return (zeroQuote | zeroBackslash | control | w) & high
    }

    mutating func scanEscape() throws(JSONScanError) {
        i &+= 1  // backslash
        let b = try peek()
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            i &+= 1
        case UInt8(ascii: "u"):
            i &+= 1
            for _ in 0..<4 {
                let h = try peek()
                guard JSONText.hexValue(h) != nil else { throw .unexpected(byte: h, offset: i) }
                i &+= 1
            }
        default:
            throw .unexpected(byte: b, offset: i)
        }
    }

    /// One multi-byte UTF-8 scalar, checked as RFC 3629 allows (no overlong
    /// forms, no surrogates, nothing above U+10FFFF).
    mutating func scanUTF8Scalar() throws(JSONScanError) {
        let lead = base[i]
        let at = i
        var count: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: count = 1
        case 0xE0: count = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 2
        case 0xED: count = 2; high = 0x9F
        case 0xF0: count = 3; low = 0x90
        case 0xF1...0xF3: count = 3
        case 0xF4: count = 3; high = 0x8F
        default: throw .invalidUTF8(offset: at)
        }
        i &+= 1
        while count > 0 {
            guard i < end else { throw .truncated }
            let c = base[i]
            guard c >= low && c <= high else { throw .invalidUTF8(offset: at) }
            low = 0x80
            high = 0xBF
            i &+= 1
            count &-= 1
        }
    }
}
