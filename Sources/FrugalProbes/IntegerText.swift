import FrugalCore

/// Parsing of the decimal text that sysfs attributes hold ("240422366267\n").
enum IntegerText {
    /// Parses an unsigned decimal integer after trimming ASCII whitespace.
    /// Empty text, any other character and values above `UInt64.max` are
    /// `.transient` failures that quote the path and the text.
    static func parseUInt64(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Result<UInt64, ProbeFailure> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else {
            return .failure(ProbeFailure(.transient, "\(path): empty, expected an integer"))
        }
        var value: UInt64 = 0
        for index in start..<end {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else {
                return .failure(badText(bytes, path: path, why: "not an unsigned integer"))
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else {
                return .failure(badText(bytes, path: path, why: "overflows 64 bits"))
            }
            value = sum
        }
        return .success(value)
    }

    /// Parses a whole string (a range file read once at discovery).
    static func parseUInt64(_ text: String, path: String) -> Result<UInt64, ProbeFailure> {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { parseUInt64(UnsafeBufferPointer($0), path: path) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private static func badText(_ bytes: UnsafeBufferPointer<UInt8>, path: String, why: String)
        -> ProbeFailure
    {
        ProbeFailure(.transient, "\(path): \(why): \(quoted(bytes))")
    }

    /// The text as a short, printable, quoted string for a failure message.
    static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var text = String(decoding: bytes.prefix(40), as: UTF8.self)
            .trimmingSpaces()
            .unicodeScalars.map { $0.isASCII && $0.value >= 0x20 ? String($0) : $0.escaped(asASCII: true) }
            .joined()
        if bytes.count > 40 { text += "…" }
        return "\"\(text)\""
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }
}
