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
    private let tables: QueryTables
    private let slots: UnsafeMutablePointer<JSONValue?>

    public init(query: JSONQuery, limits: JSONLimits = JSONLimits()) {
        self.query = query
        self.limits = limits
        self.tables = QueryTables(query)
        self.slots = .allocate(capacity: max(query.count, 1))
        slots.initialize(repeating: nil, count: max(query.count, 1))
    }

    deinit {
        slots.deinitialize(count: max(query.count, 1))
        slots.deallocate()
        tables.deallocate()
    }

    /// Scans one JSON text (a line without its newline). On success the
    /// slots hold what was found; on failure their content is unspecified.
    public func scan(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) {
        for k in 0..<query.count { slots[k] = nil }
        guard let raw = bytes.baseAddress, bytes.count > 0 else { throw .truncated }
        var walker = JSONWalker(
            base: raw.assumingMemoryBound(to: UInt8.self), count: bytes.count, limits: limits, tables: tables,
            slots: slots, nestedAllowed: true)
        try walker.walkDocument()
    }

    /// Scans bytes held in an array.
    public func scan(_ bytes: [UInt8]) throws(JSONScanError) {
        let outcome: JSONScanError? = bytes.withUnsafeBytes { buffer in
            do throws(JSONScanError) {
                try scan(buffer)
                return nil
            } catch {
                return error
            }
        }
        if let outcome { throw outcome }
    }

    /// The value found for the path in `slot` (query order); nil when the
    /// line does not have it.
    public subscript(slot: Int) -> JSONValue? {
        precondition(slot >= 0 && slot < query.count, "slot \(slot) is not in the query")
        return slots[slot]
    }
}
