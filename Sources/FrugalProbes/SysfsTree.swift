import FrugalCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sysfs (or procfs) root passed as a parameter (the real `/sys` in the
/// executable, a tree under `Probes/` in tests), with the few directory
/// operations the sources, the doctor and the demo need. All paths are
/// relative to the root.
public struct SysfsTree: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    func absolute(_ relativePath: String) -> String { root + "/" + relativePath }

    /// The entries of a directory, sorted, without `.` and `..`; nil when the
    /// directory is missing or unreadable.
    public func list(_ relativePath: String) -> [String]? {
        guard let dir = opendir(absolute(relativePath)) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Whether the path (following symbolic links) is a directory.
    func isDirectory(_ relativePath: String) -> Bool {
        var info = stat()
        return stat(absolute(relativePath), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether anything, even a dangling link, is at the path.
    func exists(_ relativePath: String) -> Bool {
        var info = stat()
        return lstat(absolute(relativePath), &info) == 0
    }

    /// A text file read whole (`name`, `power1_label`, `/proc/modules`),
    /// trimmed; a failure when it cannot be opened or read.
    public func readText(_ relativePath: String) -> Result<String, ProbeFailure> {
        let fd = open(absolute(relativePath), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SysfsFile.openFailure(errno, relativePath)) }
        defer { close(fd) }
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
            guard count >= 0 else {
                return .failure(
                    ProbeFailure(.transient, "\(relativePath): read failed: \(SysfsFile.errorName(errno))"))
            }
            if count == 0 { break }
            text += chunk[0..<count]
        }
        return .success(String(decoding: text, as: UTF8.self).trimmingSpaces())
    }

    /// The text of a file, or nil when it is missing, unreadable or empty.
    public func optionalText(_ relativePath: String) -> String? {
        guard case .success(let text) = readText(relativePath), !text.isEmpty else { return nil }
        return text
    }

    /// The last component of where a symbolic link points, resolved
    /// lexically (the target need not exist: captured trees keep `device`
    /// links whose targets were not copied).
    func linkTargetName(_ relativePath: String) -> String? {
        var bytes = [CChar](repeating: 0, count: 4096)
        let count = readlink(absolute(relativePath), &bytes, 4095)
        guard count > 0 else { return nil }
        let target = String(decoding: bytes[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var components = target.hasPrefix("/") ? [] : relativePath.split(separator: "/").dropLast().map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(part))
            }
        }
        return components.last
    }
}
