/// Where a log was read up to: which file (device, inode and its first
/// bytes) and how many of its bytes were consumed as complete lines.
///
/// The first bytes and the bytes just before the offset let a file be
/// recognised after logrotate renamed it (`proxy.log` → `proxy.log.1`, same
/// inode), copied it (`copytruncate`: a new inode with the same content) or
/// compressed it (`proxy.log.2.gz`: the offset counts decompressed bytes),
/// even when every file starts alike (a CSV header).
public struct TailPosition: Hashable, Sendable, Codable {
    /// The longest head kept.
    public static let headBytes = 64

    public var device: UInt64
    public var inode: UInt64
    /// The file's first `min(64, offset)` bytes.
    public var head: [UInt8]
    /// The `min(64, offset)` bytes just before `offset`: the end of the last line read.
    public var last: [UInt8]
    /// Bytes consumed: every line before this offset was delivered.
    public var offset: Int64

    public init(device: UInt64, inode: UInt64, head: [UInt8], last: [UInt8] = [], offset: Int64) {
        precondition(offset >= 0, "an offset is not negative")
        precondition(head.count <= Self.headBytes && Int64(head.count) <= offset, "the head is the consumed prefix")
        precondition(last.count <= Self.headBytes && Int64(last.count) <= offset, "the last bytes are consumed ones")
        self.device = device
        self.inode = inode
        self.head = head
        self.last = last
        self.offset = offset
    }
}

/// Something the tailer noticed, for logs and reports.
public enum TailEvent: Hashable, Sendable, CustomStringConvertible {
    /// Reading `file` from byte `offset` (0 for a new file; more when resuming).
    case opened(file: String, offset: Int64)
    /// The committed position was not found in the file or its rotated
    /// copies (deleted, or rotated beyond what is kept): reading the live file from its start.
    case positionLost(file: String)
    /// A new file appeared at the path (rename rotation); the old one was read to its end first.
    case rotated(from: String, to: String)
    /// The file shrank under the reader (copytruncate): reading it again from byte 0.
    case truncated(file: String, at: Int64)
    /// The path no longer exists; the open file is still read.
    case deleted(file: String)
    /// A rotated file ended without a newline: its last bytes were passed on as a line.
    case unterminatedLine(file: String, bytes: Int)

    public var description: String {
        switch self {
        case .opened(let file, let offset): "reading \(file) from byte \(offset)"
        case .positionLost(let file): "committed position not found: reading \(file) from its start"
        case .rotated(let from, let to): "rotated: finished \(from), now reading \(to)"
        case .truncated(let file, let at): "\(file) was truncated below byte \(at): reading it again from byte 0"
        case .deleted(let file): "\(file) was deleted: still reading the open file"
        case .unterminatedLine(let file, let bytes): "\(file) ended inside a line (\(bytes) bytes)"
        }
    }
}

/// Why a log cannot be read.
public struct TailError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
