/// One pass over one JSON text: validates every byte, descends only where
/// the query has keys, and writes the values it finds into the slots.
///
/// Works on raw pointers so that skipping the bulk of a line (messages,
/// model maps) costs no reference counting; its pointers live only for the
/// duration of `JSONScanner.scan`.
struct JSONWalker {
    let base: UnsafePointer<UInt8>
    let end: Int
    var i: Int = 0
    let limits: JSONLimits
    let tables: QueryTables
    let slots: UnsafeMutablePointer<ScanSlot>
    /// Whether a string value may be scanned as JSON (one level only).
    let nestedAllowed: Bool

    init(
        base: UnsafePointer<UInt8>, count: Int, limits: JSONLimits, tables: QueryTables,
        slots: UnsafeMutablePointer<ScanSlot>, nestedAllowed: Bool
    ) {
        self.base = base
        self.end = count
        self.limits = limits
        self.tables = tables
        self.slots = slots
        self.nestedAllowed = nestedAllowed
    }

    /// Walks the whole text: one object, then only whitespace.
    mutating func walkDocument() throws(JSONScanError) {
        skipWhitespace()
        guard i < end else { throw .truncated }
        guard base[i] == UInt8(ascii: "{") else { throw .notAnObject }
        try walkObject(node: 0, depth: 1)
        skipWhitespace()
        if i < end { throw .trailingData(offset: i) }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < end {
            let b = base[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i &+= 1
        }
    }

    @inline(__always)
    func peek() throws(JSONScanError) -> UInt8 {
        guard i < end else { throw .truncated }
        return base[i]
    }

    /// An object whose keys are matched against `node`'s edges (`node` < 0:
    /// nothing is wanted inside, it is only validated).
    mutating func walkObject(node: Int, depth: Int) throws(JSONScanError) {
        guard depth <= limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
        i &+= 1  // {
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") {
            i &+= 1
            return
        }
        let wanted = node >= 0 && tables.nodes[node].hasChildren
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw .unexpected(byte: base[i], offset: i) }
            i &+= 1
            let keyStart = i
            let keyEscaped = try scanString()
            let child = wanted ? match(node: node, keyStart: keyStart, keyEnd: i &- 1, escaped: keyEscaped) : -1
            skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw .unexpected(byte: base[i], offset: i) }
            i &+= 1
            skipWhitespace()
            if child >= 0 {
                try walkWanted(node: child, depth: depth)
            } else {
                try skipValue(depth: depth)
            }
            skipWhitespace()
            let b = try peek()
            i &+= 1
            if b == UInt8(ascii: "}") { return }
            guard b == UInt8(ascii: ",") else { throw .unexpected(byte: b, offset: i &- 1) }
            skipWhitespace()
        }
    }

    /// The value of a key the query names: recorded if a path ends here,
    /// descended into if paths go further.
    mutating func walkWanted(node: Int, depth: Int) throws(JSONScanError) {
        let entry = tables.nodes[node]
        let b = try peek()
        switch b {
        case UInt8(ascii: "{"):
            try walkObject(node: entry.hasChildren ? node : -1, depth: depth &+ 1)
            if let slot = entry.slot { slots[slot] = .value(.object) }
        case UInt8(ascii: "["):
            try skipValue(depth: depth)
            if let slot = entry.slot { slots[slot] = .value(.array) }
        case UInt8(ascii: "\""):
            i &+= 1
            let start = i
            let escaped = try scanString()
            let bytes = UnsafeBufferPointer(start: base + start, count: i &- 1 &- start)
            if entry.hasChildren && nestedAllowed {
                try walkNested(bytes, escaped: escaped, node: node, depth: depth)
            }
            // Decoded only if a parser asks: most strings found are never read.
            if let slot = entry.slot { slots[slot] = .text(bytes, escaped: escaped) }
        default:
            let start = i
            try skipValue(depth: depth)
            if let slot = entry.slot {
                slots[slot] = .value(JSONText.decodeScalar(UnsafeBufferPointer(start: base + start, count: i &- start)))
            }
        }
    }

    /// A string that holds JSON: unescaped, then walked with the same query
    /// node. A string that is not a JSON object simply yields no fields.
    func walkNested(
        _ raw: UnsafeBufferPointer<UInt8>, escaped: Bool, node: Int, depth: Int
    ) throws(JSONScanError) {
        let text = escaped ? JSONText.unescape(raw) : Array(raw)
        text.withUnsafeBufferPointer { inner in
            guard let innerBase = inner.baseAddress else { return }
            var nested = JSONWalker(
                base: innerBase, count: inner.count, limits: limits, tables: tables, slots: slots,
                nestedAllowed: false)
            nested.skipWhitespace()
            guard nested.i < nested.end, innerBase[nested.i] == UInt8(ascii: "{") else { return }
            // A broken inner document leaves what it found so far; the outer
            // line stays valid JSON, and the parser sees missing fields.
            try? nested.walkObject(node: node, depth: depth &+ 1)
            // `text` is freed on return: strings found in it are decoded now.
            let range = UnsafeRawPointer(innerBase)..<UnsafeRawPointer(innerBase + inner.count)
            for slot in 0..<tables.slotCount {
                if case .text(let bytes, let escaped) = slots[slot], let start = bytes.baseAddress,
                    range.contains(UnsafeRawPointer(start))
                        || (bytes.isEmpty && UnsafeRawPointer(start) == range.upperBound)
                {
                    slots[slot] = .value(.string(JSONText.decodeString(bytes, escaped: escaped)))
                }
            }
        }
    }

    /// The edge of `node` whose key equals the key just scanned, or -1.
    func match(node: Int, keyStart: Int, keyEnd: Int, escaped: Bool) -> Int {
        let length = keyEnd &- keyStart
        if escaped {
            guard length <= 4 * tables.longestKey + 8 else { return -1 }
            let key = JSONText.unescape(UnsafeBufferPointer(start: base + keyStart, count: length))
            return key.withUnsafeBufferPointer { tables.edge(of: node, matching: $0) }
        }
        guard length <= tables.longestKey else { return -1 }
        return tables.edge(of: node, matching: UnsafeBufferPointer(start: base + keyStart, count: length))
    }
}
