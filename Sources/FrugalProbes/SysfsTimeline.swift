import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sysfs tree that changes over time, replayed through the real readers.
///
/// A `Probes/` entry may hold `timeline.tsv` next to its `sys/` folder, one
/// change a line: `step<TAB>path<TAB>value`, where `path` is relative to
/// `sys/` and `value` is one of
/// - text to write (a newline is added; an empty value writes an empty file),
/// - `<delete>` to remove the file or folder (a zone unplugged),
/// - `<deny>` to make the file unreadable (mode 000), `<allow>` to undo it.
///
/// Blank lines and lines starting with `#` are ignored. Step 0 is the tree as
/// captured; steps count from 1.
///
/// ```swift
/// let timeline = try SysfsTimeline.materialize(entry: "Probes/rapl-wrap")
/// let rapl = RAPLSource(sysfsRoot: timeline.sysfsRoot)
/// for step in timeline.steps { try timeline.apply(step: step); _ = rapl.read() }
/// ```
///
/// `materialize` copies `sys/` to a temporary folder (symbolic links kept,
/// folders 0755, files 0644) and `apply` changes that copy in place, writing
/// files without replacing them so that open descriptors see the new value as
/// they would on sysfs. The copy is removed when the timeline is released.
public final class SysfsTimeline {
    /// The folder of a catalogue entry that holds its captured tree (the
    /// entry's own `sys/`, not the host's sysfs).
    static let treeFolder = "sys"

    /// One change of the tree.
    public enum Action: Hashable, Sendable {
        case write(String)
        case delete
        case deny
        case allow
    }

    /// One line of `timeline.tsv`.
    public struct Change: Hashable, Sendable {
        public var step: Int
        /// Relative to the `sys/` folder.
        public var path: String
        public var action: Action

        public init(step: Int, path: String, action: Action) {
            self.step = step
            self.path = path
            self.action = action
        }
    }

    /// A malformed `timeline.tsv` line.
    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "timeline.tsv line \(line): \(message)" }
    }

    /// The temporary copy of `sys/`: give it to the sources as their root.
    public let sysfsRoot: String
    /// All changes, in file order.
    public let changes: [Change]
    /// The steps that change something, ascending.
    public var steps: [Int] { Array(Set(changes.map(\.step))).sorted() }

    private let temporaryFolder: String

    private init(temporaryFolder: String, changes: [Change]) {
        self.temporaryFolder = temporaryFolder
        self.sysfsRoot = temporaryFolder + "/" + Self.treeFolder
        self.changes = changes
    }

    deinit { try? FileManager.default.removeItem(atPath: temporaryFolder) }

    /// Copies `<entry>/sys` to a temporary folder and reads `<entry>/timeline.tsv`
    /// when there is one (an entry without it is a static tree with no steps).
    public static func materialize(entry: String) throws -> SysfsTimeline {
        let timelinePath = entry + "/timeline.tsv"
        let changes =
            FileManager.default.fileExists(atPath: timelinePath)
            ? try parse(String(contentsOfFile: timelinePath, encoding: .utf8)) : []
        var template = Array((NSTemporaryDirectory() + "/frugal-sysfs-XXXXXX").utf8CString)
        guard let folder = mkdtemp(&template) else {
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        let temporaryFolder = String(cString: folder)
        // Readable by others, so a test can read it with a dropped fsuid.
        chmod(temporaryFolder, 0o755)
        let timeline = SysfsTimeline(temporaryFolder: temporaryFolder, changes: changes)
        try copyTree(from: entry + "/" + Self.treeFolder, to: timeline.sysfsRoot)
        return timeline
    }

    /// Applies the changes of one step, in file order. Apply steps in ascending order.
    public func apply(step: Int) throws {
        for change in changes where change.step == step { try perform(change) }
    }

    /// Applies one change to the copy (also used to deny files listed in a manifest).
    public func perform(_ change: Change) throws {
        let path = sysfsRoot + "/" + change.path
        switch change.action {
        case .write(let text):
            let folder = (path as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try overwrite(path, with: text.isEmpty ? "" : text + "\n")
        case .delete:
            try FileManager.default.removeItem(atPath: path)
        case .deny:
            guard chmod(path, 0) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        case .allow:
            guard chmod(path, 0o644) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        }
    }

    /// Parses the text of a `timeline.tsv`.
    public static func parse(_ text: String) throws -> [Change] {
        var changes: [Change] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw ParseError(line: offset + 1, message: "expected step<TAB>path<TAB>value")
            }
            guard let step = Int(fields[0]), step >= 1 else {
                throw ParseError(line: offset + 1, message: "step must be an integer ≥ 1, got \"\(fields[0])\"")
            }
            let path = String(fields[1])
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw ParseError(line: offset + 1, message: "path must be relative to sys/ without '..'")
            }
            let action: Action =
                switch fields[2] {
                case "<delete>": .delete
                case "<deny>": .deny
                case "<allow>": .allow
                default: .write(String(fields[2]))
                }
            changes.append(Change(step: step, path: path, action: action))
        }
        return changes
    }

    private func overwrite(_ path: String, with text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    }

    /// Copies a tree keeping symbolic links as links, with folders 0755 and
    /// files 0644 whatever the source modes and owner (FileManager's copy
    /// keeps the owner, which fails when not root).
    private static func copyTree(from source: String, to destination: String) throws {
        let manager = FileManager.default
        var info = stat()
        guard lstat(source, &info) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            try manager.createSymbolicLink(
                atPath: destination, withDestinationPath: try manager.destinationOfSymbolicLink(atPath: source))
        case S_IFDIR:
            try manager.createDirectory(atPath: destination, withIntermediateDirectories: false)
            chmod(destination, 0o755)
            for name in try manager.contentsOfDirectory(atPath: source) {
                try copyTree(from: source + "/" + name, to: destination + "/" + name)
            }
        case S_IFREG:
            let data = try Data(contentsOf: URL(fileURLWithPath: source))
            guard manager.createFile(atPath: destination, contents: data) else {
                throw POSIXError(.init(rawValue: errno) ?? .EIO)
            }
            chmod(destination, 0o644)
        default:
            // Sockets, fifos and devices have no place in a captured tree.
            break
        }
    }
}
