/// A query's tree laid out in memory that the walker reads without
/// reference counting; owned by one `JSONScanner`.
struct QueryTables {
    let nodes: UnsafeMutableBufferPointer<JSONQuery.Node>
    let edges: UnsafeMutableBufferPointer<JSONQuery.Edge>
    let keyBytes: UnsafeMutableBufferPointer<UInt8>
    let longestKey: Int

    init(_ query: JSONQuery) {
        nodes = .allocate(capacity: query.nodes.count)
        _ = nodes.initialize(from: query.nodes)
        edges = .allocate(capacity: max(query.edges.count, 1))
        _ = edges.initialize(from: query.edges)
        keyBytes = .allocate(capacity: max(query.keyBytes.count, 1))
        _ = keyBytes.initialize(from: query.keyBytes)
        longestKey = query.longestKey
    }

    func deallocate() {
        nodes.deallocate()
        edges.deallocate()
        keyBytes.deallocate()
    }

    /// The child of `node` reached by `key`, or -1.
    @inline(__always)
    func edge(of node: Int, matching key: UnsafeBufferPointer<UInt8>) -> Int {
        let entry = nodes[node]
        let first = key.first ?? 0
        for e in entry.edgeStart..<(entry.edgeStart + entry.edgeCount) {
            let edge = edges[e]
            guard edge.keyCount == key.count && edge.firstByte == first else { continue }
            if key.count == 0 { return edge.child }
            if memoryEqual(keyBytes.baseAddress! + edge.keyStart, key.baseAddress!, key.count) { return edge.child }
        }
        return -1
    }

    @inline(__always)
    func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }
}
