/// One value the scanner extracted for a requested path.
///
/// Only scalars carry their content: a path that ends on an object or an
/// array records that it is there (so that a parser can say "wrong type"),
/// never what is inside.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    case string(String)
    case object
    case array

    /// The JSON name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .object: "object"
        case .array: "array"
        }
    }
}

/// Why a line is not the JSON the scanner accepts.
public enum JSONScanError: Error, Hashable, Sendable {
    /// The bytes stop inside a value: a line cut by a crash or a rotation.
    case truncated
    /// A byte that JSON does not allow where it stands.
    case unexpected(byte: UInt8, offset: Int)
    /// A string holds bytes that are not UTF-8.
    case invalidUTF8(offset: Int)
    /// Objects and arrays nested deeper than the limit.
    case tooDeep(limit: Int)
    /// A string longer than the limit.
    case stringTooLong(limit: Int)
    /// The top-level value is not an object.
    case notAnObject
    /// Bytes after the top-level object.
    case trailingData(offset: Int)
}

/// Limits that keep a hostile line from costing more than its length.
public struct JSONLimits: Hashable, Sendable {
    /// Objects and arrays nested deeper than this are rejected.
    public var maxDepth: Int
    /// A string longer than this (in bytes, as written) is rejected.
    public var maxStringBytes: Int

    public init(maxDepth: Int = 64, maxStringBytes: Int = 1 << 20) {
        precondition(maxDepth >= 1 && maxStringBytes >= 1, "limits must be positive")
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
    }
}
