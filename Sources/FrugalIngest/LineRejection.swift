/// Why a log line did not become a `RequestRecord`: a stable `reason` code
/// for counting and for the quarantine table, the field it concerns, and a
/// message for a person.
public struct LineRejection: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable codes; stored in the quarantine table, never renamed.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        /// Nothing but whitespace (a trailing newline). Skipped, not quarantined.
        case empty
        /// A CSV header line, read for its column names. Skipped, not quarantined.
        case header
        /// Longer than the line limit (1 MiB by default); not even scanned.
        case tooLong = "too_long"
        /// The bytes stop inside a value: a line cut by a crash or a rotation.
        case truncated
        /// Not the JSON object (or CSV row) the format writes.
        case notJSON = "not_json"
        /// A string holds bytes that are not UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// Nested deeper than the depth limit.
        case tooDeep = "too_deep"
        /// A CSV row whose fields do not match its header.
        case badCSV = "bad_csv"
        /// A field the format requires is absent, null or empty.
        case missingField = "missing_field"
        /// A field holds a value of another JSON type.
        case wrongType = "wrong_type"
        /// A field has the right type but a value that cannot be right.
        case badValue = "bad_value"
        /// A time that is not in a format we read.
        case badTimestamp = "bad_timestamp"
        case endBeforeStart = "end_before_start"
        /// A first-token time before the start or after the end.
        case firstTokenOutside = "first_token_outside"
        case negativeTokens = "negative_tokens"
        /// A time later than the context's "now" plus its allowed skew.
        case futureTimestamp = "future_timestamp"
    }

    public var reason: Reason
    /// The field (dotted path or column) the rejection is about, if one.
    public var field: String?
    public var message: String

    public init(_ reason: Reason, field: String? = nil, _ message: String) {
        self.reason = reason
        self.field = field
        self.message = message
    }

    /// Whether the line belongs in the quarantine table; empty lines and
    /// CSV headers are skipped without being kept.
    public var isQuarantined: Bool { reason != .empty && reason != .header }

    public var description: String { "\(reason.rawValue): \(message)" }
}

extension LineRejection {
    init(_ error: JSONScanError) {
        switch error {
        case .truncated:
            self.init(.truncated, "the line ends inside a JSON value")
        case .unexpected(let byte, let offset):
            self.init(.notJSON, "unexpected byte 0x\(String(byte, radix: 16)) at offset \(offset)")
        case .invalidUTF8(let offset):
            self.init(.invalidUTF8, "bytes at offset \(offset) are not UTF-8")
        case .tooDeep(let limit):
            self.init(.tooDeep, "objects and arrays nested deeper than \(limit)")
        case .stringTooLong(let limit):
            self.init(.tooLong, "a string is longer than \(limit) bytes")
        case .notAnObject:
            self.init(.notJSON, "the line is not a JSON object")
        case .trailingData(let offset):
            self.init(.notJSON, "bytes after the JSON object at offset \(offset)")
        }
    }
}
