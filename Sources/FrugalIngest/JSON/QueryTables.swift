/// A query's tree laid out in memory that the walker reads without
/// reference counting; built once per `JSONQuery` (in its `CompiledQuery`)
/// and shared by every scanner of that query, which only read it.
struct QueryTables {
    let nodes: UnsafeMutableBufferPointer<JSONQuery.Node>
    let edges: UnsafeMutableBufferPointer<JSONQuery.Edge>
    let keyBytes: UnsafeMutableBufferPointer<UInt8>
    let longestKey: Int
    /// The number of paths, hence of result slots.
    let slotCount: Int
    /// Per node, `bucketCount` heads of edge chains, by `bucket(of:)`; -1 ends.
    let buckets: UnsafeMutableBufferPointer<Int32>
    /// For each edge, the next edge of the same node in the same bucket.
    let nextInBucket: UnsafeMutableBufferPointer<Int32>
    static let bucketCount = 64

    init(
        nodes queryNodes: [JSONQuery.Node], edges queryEdges: [JSONQuery.Edge], keyBytes queryKeys: [UInt8],
        longestKey: Int
    ) {
        nodes = .allocate(capacity: queryNodes.count)
        _ = nodes.initialize(from: queryNodes)
        edges = .allocate(capacity: max(queryEdges.count, 1))
        _ = edges.initialize(from: queryEdges)
        keyBytes = .allocate(capacity: max(queryKeys.count, 1))
        _ = keyBytes.initialize(from: queryKeys)
        self.longestKey = longestKey
        slotCount = queryNodes.lazy.filter { $0.slot != nil }.count
        // A line has many keys the query does not name: one hash probe
        // rejects most of them without comparing against every edge.
        buckets = .allocate(capacity: queryNodes.count * Self.bucketCount)
        buckets.initialize(repeating: -1)
        nextInBucket = .allocate(capacity: max(queryEdges.count, 1))
        nextInBucket.initialize(repeating: -1)
        for (n, node) in queryNodes.enumerated() {
            for e in (node.edgeStart..<node.edgeStart + node.edgeCount).reversed() {
                let edge = queryEdges[e]
                let key = Array(queryKeys[edge.keyStart..<edge.keyStart + edge.keyCount])
                let b = n * Self.bucketCount + key.withUnsafeBufferPointer { Self.bucket(of: $0) }
                nextInBucket[e] = buckets[b]
                buckets[b] = Int32(e)
            }
        }
    }

    @inline(__always)
    static func bucket(of key: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = key.first, let last = key.last else { return 0 }
        return (key.count &* 7 &+ Int(first) &* 31 &+ Int(last)) & (bucketCount - 1)
    }

    func deallocate() {
        nodes.deallocate()
        edges.deallocate()
        keyBytes.deallocate()
        buckets.deallocate()
        nextInBucket.deallocate()
    }

    /// The child of `node` reached by `key`, or -1.
    @inline(__always)
    func edge(of node: Int, matching key: UnsafeBufferPointer<UInt8>) -> Int {
        var e = Int(buckets[node &* Self.bucketCount &+ Self.bucket(of: key)])
        while e >= 0 {
            let edge = edges[e]
            if edge.keyCount == key.count
                && (key.count == 0 || memoryEqual(keyBytes.baseAddress! + edge.keyStart, key.baseAddress!, key.count))
            {
                return edge.child
            }
            e = Int(nextInBucket[e])
        }
        return -1
    }

    @inline(__always)
    func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }
}

/// Owns a query's tables: made once when the query is, so that a scanner
/// (one per parser, one per file) costs one allocation, not a compilation.
///
/// `@unchecked Sendable`: the tables are written in `init` only, then read.
final class CompiledQuery: @unchecked Sendable {
    let tables: QueryTables

    init(nodes: [JSONQuery.Node], edges: [JSONQuery.Edge], keyBytes: [UInt8], longestKey: Int) {
        tables = QueryTables(nodes: nodes, edges: edges, keyBytes: keyBytes, longestKey: longestKey)
    }

    deinit { tables.deallocate() }
}
