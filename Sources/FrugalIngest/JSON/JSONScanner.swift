/// A purpose-built scanner for one JSON line: it validates the whole line
/// (structure, numbers, escapes, UTF-8, depth) and extracts only the paths
/// its `JSONQuery` names, as `JSONValue`s. Everything else is skipped
/// without being decoded, eight bytes at a time inside strings.
///
/// One scanner is reused line after line; it is not thread-safe (one per
/// task). Unknown keys are ignored; when a key appears twice, the last wins.
///
/// ```swift
/// let scanner = JSONScanner(query: JSONQuery(["id", "metadata.user_api_key_hash"]))
/// try scanner.scan(Array(line.utf8))
/// scanner[0]  // .string("chatcmpl-…")
/// ```
public final class JSONScanner {
    public let query: JSONQuery
    public let limits: JSONLimits
    /// The query's tables (owned by `query`, which this scanner keeps).
    private let tables: QueryTables
    private let slots: UnsafeMutablePointer<ScanSlot>

    public init(query: JSONQuery, limits: JSONLimits = JSONLimits()) {
        self.query = query
        self.limits = limits
        self.tables = query.compiled.tables
        self.slots = .allocate(capacity: max(query.count, 1))
        slots.initialize(repeating: .absent, count: max(query.count, 1))
    }

    deinit {
        slots.deinitialize(count: max(query.count, 1))
        slots.deallocate()
    }

    /// Scans one JSON text (a line without its newline). On success the
    /// slots hold what was found; on failure their content is unspecified.
    /// Strings found are read from `bytes` when asked for: read the slots
    /// while `bytes` is valid (the array form copies them out).
    public func scan(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) {
        for k in 0..<query.count { slots[k] = .absent }
        guard let raw = bytes.baseAddress, bytes.count > 0 else { throw .truncated }
        var walker = JSONWalker(
            base: raw.assumingMemoryBound(to: UInt8.self), count: bytes.count, limits: limits, tables: tables,
            slots: slots, nestedAllowed: true)
        try walker.walkDocument()
    }

    /// Scans bytes held in an array; the slots keep what they found after it.
    public func scan(_ bytes: [UInt8]) throws(JSONScanError) {
        let outcome: JSONScanError? = bytes.withUnsafeBytes { buffer in
            do throws(JSONScanError) {
                try scan(buffer)
                for k in 0..<query.count { slots[k] = decoded(k).map { .value($0) } ?? .absent }
                return nil
            } catch {
                for k in 0..<query.count { slots[k] = .absent }
                return error
            }
        }
        if let outcome { throw outcome }
    }

    /// The value found for the path in `slot` (query order); nil when the
    /// line does not have it.
    public subscript(slot: Int) -> JSONValue? {
        precondition(slot >= 0 && slot < query.count, "slot \(slot) is not in the query")
        return decoded(slot)
    }

    private func decoded(_ slot: Int) -> JSONValue? {
        switch slots[slot] {
        case .absent: nil
        case .value(let value): value
        case .text(let bytes, let escaped): .string(JSONText.decodeString(bytes, escaped: escaped))
        }
    }

    /// The bytes of a string found for `slot` when it holds no escapes (no
    /// copy, valid while the scanned bytes are); nil for anything else.
    func plainText(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
        guard case .text(let bytes, escaped: false) = slots[slot] else { return nil }
        return bytes
    }

    /// Whether `slot` holds nothing or JSON null, without decoding it.
    func isAbsentOrNull(_ slot: Int) -> Bool {
        switch slots[slot] {
        case .absent, .value(.null): true
        default: false
        }
    }
}

/// What the walker found for one path: a decoded scalar, or a string left
/// in the scanned bytes until a parser asks for it.
enum ScanSlot {
    case absent
    case value(JSONValue)
    case text(UnsafeBufferPointer<UInt8>, escaped: Bool)
}
