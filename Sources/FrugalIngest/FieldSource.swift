import FrugalCore

/// Typed access to the fields of one line, whatever its syntax (JSON slots,
/// CSV columns). Every accessor names the field in the rejection it throws.
protocol FieldSource {
    /// The value of field `f`; nil when absent or null.
    func raw(_ f: Int) -> JSONValue?
    /// The field's name as the format writes it (a dotted path, a column).
    func name(_ f: Int) -> String
    /// Whether numbers written as strings are accepted (nginx, CSV).
    var numbersInStrings: Bool { get }
    var zones: ZoneResolver { get }
    var context: ParseContext { get }
    /// The field's bytes when it is text that needs no decoding, without a
    /// copy (valid while the line is); nil otherwise, `raw` then tells.
    func plainText(_ f: Int) -> UnsafeBufferPointer<UInt8>?
}

extension FieldSource {
    func wrongType(_ f: Int, _ value: JSONValue, expected: String) -> LineRejection {
        LineRejection(.wrongType, field: name(f), "\(name(f)) is a \(value.typeName), expected \(expected)")
    }

    /// A string; nil when absent, null or empty.
    func string(_ f: Int) throws(LineRejection) -> String? {
        switch raw(f) {
        case nil: return nil
        case .string(let s): return s.isEmpty ? nil : s
        case .int(let n) where numbersInStrings: return String(n)
        case let value?: throw wrongType(f, value, expected: "a string")
        }
    }

    /// The first of `fields` that holds a non-empty string.
    func firstString(_ fields: [Int]) throws(LineRejection) -> String? {
        for f in fields {
            if let s = try string(f) { return s }
        }
        return nil
    }

    /// The first of `fields` that holds a token count.
    func firstTokens(_ fields: [Int]) throws(LineRejection) -> Int? {
        for f in fields {
            if let n = try tokens(f) { return n }
        }
        return nil
    }

    func requiredString(_ f: Int) throws(LineRejection) -> String {
        guard let s = try string(f) else { throw missing(f) }
        return s
    }

    func missing(_ f: Int) -> LineRejection {
        LineRejection(.missingField, field: name(f), "\(name(f)) is missing")
    }

    /// An integer: a JSON integer, a number with no fraction, or (when the
    /// format writes numbers as text) a string holding one. `-` and empty
    /// text are absent, as nginx writes unset variables.
    func int(_ f: Int) throws(LineRejection) -> Int64? {
        guard let value = raw(f) else { return nil }
        switch value {
        case .int(let n): return n
        case .double(let d):
            guard d.rounded() == d, d.magnitude < 9.2e18 else {
                throw LineRejection(.wrongType, field: name(f), "\(name(f)) is \(d), expected an integer")
            }
            return Int64(d)
        case .string(let s) where numbersInStrings:
            if s.isEmpty || s == "-" { return nil }
            if let n = Int64(s) { return n }
            if let d = Double(s), d.rounded() == d, d.magnitude < 9.2e18 { return Int64(d) }
            throw LineRejection(.wrongType, field: name(f), "\(name(f)) is \"\(s.prefix(40))\", expected an integer")
        default: throw wrongType(f, value, expected: "an integer")
        }
    }

    func double(_ f: Int) throws(LineRejection) -> Double? {
        guard let value = raw(f) else { return nil }
        switch value {
        case .int(let n): return Double(n)
        case .double(let d): return d
        case .string(let s) where numbersInStrings:
            if s.isEmpty || s == "-" { return nil }
            // nginx writes "0.100, 0.050" when it tried two upstreams: the last one served.
            let last = s.split(separator: ",").last.map { $0.first == " " ? $0.dropFirst() : $0 } ?? Substring(s)
            if let d = Double(last), d.isFinite { return d }
            throw LineRejection(.wrongType, field: name(f), "\(name(f)) is \"\(s.prefix(40))\", expected a number")
        default: throw wrongType(f, value, expected: "a number")
        }
    }

    func bool(_ f: Int) throws(LineRejection) -> Bool? {
        guard let value = raw(f) else { return nil }
        switch value {
        case .bool(let b): return b
        case .string(let s) where numbersInStrings:
            switch s {
            case "", "-": return nil
            case "true", "1", "on": return true
            case "false", "0", "off": return false
            default:
                throw LineRejection(.wrongType, field: name(f), "\(name(f)) is \"\(s.prefix(40))\", expected a bool")
            }
        default: throw wrongType(f, value, expected: "a bool")
        }
    }

    /// A time: RFC 3339 / ISO 8601 text (zone-less text is in the
    /// context's zone) or an epoch number (see `EpochNumber`).
    func timestamp(_ f: Int) throws(LineRejection) -> Timestamp? {
        // Most times are written as text: read from the line's bytes.
        if let bytes = plainText(f), let civil = CivilTimeText.parse(bytes: bytes) {
            guard let found = zones.timestamp(civil, zone: context.timeZone) else {
                throw LineRejection(
                    .badTimestamp, field: name(f),
                    "\(name(f)) is not a time we read: \(String(decoding: bytes, as: UTF8.self))")
            }
            return found
        }
        guard let value = raw(f) else { return nil }
        let found: Timestamp?
        switch value {
        case .int(let n): found = EpochNumber.timestamp(n)
        case .double(let d): found = EpochNumber.timestamp(d)
        case .string(let s):
            if s.isEmpty || s == "-" { return nil }
            if let civil = CivilTimeText.parse(s) {
                found = zones.timestamp(civil, zone: context.timeZone)
            } else if numbersInStrings, let n = Int64(s) {
                found = EpochNumber.timestamp(n)
            } else if numbersInStrings, let d = Double(s) {
                found = EpochNumber.timestamp(d)
            } else {
                found = nil
            }
        default: throw wrongType(f, value, expected: "a time")
        }
        guard let found else {
            throw LineRejection(.badTimestamp, field: name(f), "\(name(f)) is not a time we read: \(value)")
        }
        return found
    }

    func requiredTimestamp(_ f: Int) throws(LineRejection) -> Timestamp {
        guard let t = try timestamp(f) else { throw missing(f) }
        return t
    }

    /// A token count: a non-negative integer, nil when not logged.
    func tokens(_ f: Int) throws(LineRejection) -> Int? {
        guard let n = try int(f) else { return nil }
        guard n >= 0 else {
            throw LineRejection(.negativeTokens, field: name(f), "\(name(f)) is \(n), a count cannot be negative")
        }
        guard n <= Int64(Int32.max) else {
            throw LineRejection(.badValue, field: name(f), "\(name(f)) is \(n), more tokens than any request holds")
        }
        return Int(n)
    }

    /// The first identity present, in the context's tenant order, written
    /// `<source>:<value>` (an alias as it is); `candidates` lists the fields
    /// tried per source. An alias that is not text (a number, an object) is
    /// skipped, not a rejection: the next identity bills the request.
    func tenant(_ candidates: [TenantSource: [Int]]) throws(LineRejection) -> String {
        for source in context.tenantOrder {
            for f in candidates[source] ?? [] {
                // Albert's ids are integers, LiteLLM's hashes are strings.
                if let bytes = plainText(f) {
                    if bytes.isEmpty { continue }
                    return source.isAlias ? String(decoding: bytes, as: UTF8.self) : Self.joined(source.rawValue, bytes)
                }
                if source.isAlias {
                    if case .string(let value) = raw(f), !value.isEmpty { return value }
                    continue
                }
                if case .int(let n) = raw(f) { return "\(source.rawValue):\(n)" }
                if let value = try string(f) { return "\(source.rawValue):\(value)" }
            }
        }
        return context.unknownTenant
    }

    /// `<prefix>:<text>` made in one allocation (the text is valid UTF-8, the scanner checked).
    static func joined(_ prefix: String, _ text: UnsafeBufferPointer<UInt8>) -> String {
        var prefix = prefix
        return prefix.withUTF8 { head in
            String(unsafeUninitializedCapacity: head.count + 1 + text.count) { out in
                _ = out.initialize(fromContentsOf: head)
                out[head.count] = UInt8(ascii: ":")
                _ = UnsafeMutableBufferPointer(rebasing: out[(head.count + 1)...]).initialize(fromContentsOf: text)
                return head.count + 1 + text.count
            }
        }
    }
}

/// The fields a `JSONScanner` found.
struct JSONFields: FieldSource {
    let scanner: JSONScanner
    let numbersInStrings: Bool
    let zones: ZoneResolver
    let context: ParseContext

    func raw(_ f: Int) -> JSONValue? {
        scanner.isAbsentOrNull(f) ? nil : scanner[f]
    }

    func plainText(_ f: Int) -> UnsafeBufferPointer<UInt8>? { scanner.plainText(f) }

    func name(_ f: Int) -> String { scanner.query.name(f) }
}
