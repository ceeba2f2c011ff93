#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rotated copies of a log that logrotate leaves beside it, oldest
/// first: `proxy.log-20250601[.gz]` (dateext, oldest date first), then
/// `proxy.log.N[.gz]` (largest N first). Other names are ignored.
enum RotatedFiles {
    struct Candidate: Hashable {
        var path: String
        var compressed: Bool
    }

    static func list(for path: String) -> [Candidate] {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var dated: [(String, Candidate)] = []
        var numbered: [(Int, Candidate)] = []
        for name in entries(of: directory.isEmpty ? "/" : directory) where name.hasPrefix(base) {
            var rest = Substring(name.dropFirst(base.count))
            let compressed = rest.hasSuffix(".gz")
            if compressed { rest = rest.dropLast(3) }
            guard let marker = rest.first, rest.count > 1 else { continue }
            let digits = rest.dropFirst()
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
            let candidate = Candidate(path: (slash == nil ? "" : directory + "/") + name, compressed: compressed)
            if marker == "-" && digits.count >= 8 {
                dated.append((String(digits), candidate))
            } else if marker == ".", let n = Int(digits), digits.count <= 6 {
                numbered.append((n, candidate))
            }
        }
        dated.sort { $0.0 < $1.0 || ($0.0 == $1.0 && !$0.1.compressed) }
        numbered.sort { $0.0 > $1.0 || ($0.0 == $1.0 && !$0.1.compressed) }
        return dated.map(\.1) + numbered.map(\.1)
    }

    private static func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            names.append(name)
        }
        return names
    }
}
