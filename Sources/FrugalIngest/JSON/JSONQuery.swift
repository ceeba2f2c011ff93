/// The fields a format asks for, compiled once into a tree of keys.
///
/// A path is a list of object keys from the top level:
/// `["metadata", "user_api_key_hash"]`, written `metadata.user_api_key_hash`
/// in the dotted form. A path may go through a *string* that holds JSON (as
/// LiteLLM's SpendLogs row writes `metadata`): the scanner unescapes that
/// string and looks inside it.
public struct JSONQuery: Sendable {
    /// The requested paths, in slot order.
    public let paths: [[String]]

    struct Edge {
        var keyStart: Int
        var keyCount: Int
        var firstByte: UInt8
        var child: Int
    }

    struct Node {
        var edgeStart = 0
        var edgeCount = 0
        /// The slot of the path that ends here, if one does.
        var slot: Int?
        var hasChildren: Bool { edgeCount > 0 }
    }

    private(set) var nodes: [Node]
    private(set) var edges: [Edge]
    private(set) var keyBytes: [UInt8]
    /// The longest key of any path; longer keys in a line cannot match.
    private(set) var longestKey: Int
    /// The tables the walker reads, shared by the scanners of this query.
    let compiled: CompiledQuery

    /// Paths in dotted form (`response.usage.prompt_tokens`).
    public init(_ dotted: [String]) {
        self.init(paths: dotted.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) })
    }

    /// Paths as lists of keys, for keys that contain dots.
    public init(paths: [[String]]) {
        precondition(paths.allSatisfy { !$0.isEmpty }, "a path names at least one key")
        self.paths = paths
        // Build a plain tree first, then lay its edges out node by node.
        var children: [[(key: [UInt8], child: Int)]] = [[]]
        var slots: [Int?] = [nil]
        for (slot, path) in paths.enumerated() {
            var node = 0
            for key in path {
                let bytes = Array(key.utf8)
                if let found = children[node].first(where: { $0.key == bytes }) {
                    node = found.child
                } else {
                    children.append([])
                    slots.append(nil)
                    children[node].append((bytes, children.count - 1))
                    node = children.count - 1
                }
            }
            precondition(slots[node] == nil, "path \(path.joined(separator: ".")) requested twice")
            slots[node] = slot
        }
        var nodes: [Node] = []
        var edges: [Edge] = []
        var keyBytes: [UInt8] = []
        for (index, list) in children.enumerated() {
            nodes.append(Node(edgeStart: edges.count, edgeCount: list.count, slot: slots[index]))
            for (key, child) in list {
                edges.append(
                    Edge(keyStart: keyBytes.count, keyCount: key.count, firstByte: key.first ?? 0, child: child))
                keyBytes.append(contentsOf: key)
            }
        }
        self.nodes = nodes
        self.edges = edges
        self.keyBytes = keyBytes
        self.longestKey = children.flatMap { $0.map(\.key.count) }.max() ?? 0
        compiled = CompiledQuery(nodes: nodes, edges: edges, keyBytes: keyBytes, longestKey: longestKey)
    }

    /// The number of paths, hence of result slots.
    public var count: Int { paths.count }

    /// The dotted name of a slot's path, for messages.
    public func name(_ slot: Int) -> String { paths[slot].joined(separator: ".") }
}
