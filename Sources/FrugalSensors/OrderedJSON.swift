/// A JSON value whose objects keep their members in order, duplicates included.
///
/// `sensors -j` keys features by label, and two features may share one
/// (`"VDD_CPU"` for both `in1` and `curr1`): a dictionary-based decoder would
/// silently drop one, so this small parser keeps every member.
enum OrderedJSON: Equatable, Sendable {
    case object([(key: String, value: OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (a: OrderedJSON, b: OrderedJSON) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        default: false
        }
    }

    /// Parses one JSON document.
    static func parse(_ text: String) throws(SensorsJSONError) -> OrderedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == parser.bytes.count else { throw parser.error("text after the JSON value") }
        return value
    }

    private struct Parser {
        static let numberBytes = Set("+-0123456789.eE".utf8)
        let bytes: [UInt8]
        var position = 0

        func error(_ message: String) -> SensorsJSONError {
            SensorsJSONError("\(message) at byte \(position)")
        }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(SensorsJSONError) -> OrderedJSON {
            guard depth < 64 else { throw error("nested too deep") }
            skipSpace()
            guard position < bytes.count else { throw error("unexpected end") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func object(depth: Int) throws(SensorsJSONError) -> OrderedJSON {
            position += 1
            var members: [(key: String, value: OrderedJSON)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw error("expected a key")
                }
                let key = try string()
                skipSpace()
                try expect(":")
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if try endOrComma("}") { return .object(members) }
            }
        }

        mutating func array(depth: Int) throws(SensorsJSONError) -> OrderedJSON {
            position += 1
            var values: [OrderedJSON] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(values)
            }
            while true {
                values.append(try value(depth: depth + 1))
                skipSpace()
                if try endOrComma("]") { return .array(values) }
            }
        }

        mutating func endOrComma(_ end: Unicode.Scalar) throws(SensorsJSONError) -> Bool {
            guard position < bytes.count else { throw error("unexpected end") }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: end) { return true }
            guard byte == UInt8(ascii: ",") else { throw error("expected , or \(end)") }
            return false
        }

        mutating func expect(_ scalar: Unicode.Scalar) throws(SensorsJSONError) {
            guard position < bytes.count, bytes[position] == UInt8(ascii: scalar) else {
                throw error("expected \(scalar)")
            }
            position += 1
        }

        mutating func literal(_ word: String) throws(SensorsJSONError) {
            let expected = Array(word.utf8)
            guard bytes.count - position >= expected.count,
                Array(bytes[position..<position + expected.count]) == expected
            else { throw error("expected \(word)") }
            position += expected.count
        }

        mutating func string() throws(SensorsJSONError) -> String {
            position += 1
            var scalars: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
                if byte == UInt8(ascii: "\\") {
                    guard position < bytes.count else { break }
                    let escaped = bytes[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escaped)
                    default: throw error("unsupported escape \\\(Unicode.Scalar(escaped))")
                    }
                } else {
                    scalars.append(byte)
                }
            }
            throw error("unterminated string")
        }

        mutating func number() throws(SensorsJSONError) -> Double {
            let start = position
            while position < bytes.count, Self.numberBytes.contains(bytes[position]) { position += 1 }
            guard position > start, let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw error("expected a value")
            }
            return value
        }
    }
}

/// `sensors -j` output that cannot be replayed, and why.
public struct SensorsJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "sensors -j output: \(message)" }
}
