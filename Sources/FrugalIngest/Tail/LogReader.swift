#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file read front to back: plain (`pread`) or gzip (inflated as it goes).
protocol LogReader: AnyObject {
    var path: String { get }
    var device: UInt64 { get }
    var inode: UInt64 { get }
    var isCompressed: Bool { get }
    /// Bytes of (decompressed) content read so far.
    var readOffset: Int64 { get }
    /// Reads the next bytes into `buffer`; 0 at the end (for now).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Goes back to byte 0 (after a truncation).
    func rewind() throws
    /// The current size of the file at the path it was opened under; nil for compressed files.
    func currentSize() throws -> Int64?
    /// The content's first `count` bytes (fewer when the content is shorter).
    func firstBytes(_ count: Int) throws -> [UInt8]
    /// `count` bytes of content from `offset` (fewer when the content is shorter).
    func bytes(at offset: Int64, count: Int) throws -> [UInt8]
    func close()
}

/// `stat` of a path: nil when it does not exist.
struct FileStatus: Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var isRegular: Bool

    init(_ s: stat) {
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int64(s.st_size)
        isRegular = (s.st_mode & S_IFMT) == S_IFREG
    }

    static func of(path: String) -> FileStatus? {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        return FileStatus(s)
    }

    static func of(fd: Int32) -> FileStatus? {
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        return FileStatus(s)
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// A plain file, read with `pread` at its own offset.
final class PlainLogReader: LogReader {
    let path: String
    let fd: Int32
    let device: UInt64
    let inode: UInt64
    var isCompressed: Bool { false }
    private(set) var readOffset: Int64

    init(path: String, offset: Int64 = 0) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TailError(path: path, message: "cannot open: \(errnoText())") }
        guard let status = FileStatus.of(fd: fd), status.isRegular else {
            Glibc.close(fd)
            throw TailError(path: path, message: "not a regular file")
        }
        self.path = path
        self.fd = fd
        self.device = status.device
        self.inode = status.inode
        self.readOffset = offset
    }

    deinit { close() }

    private var closed = false
    func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(fd)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(readOffset))
            if n >= 0 {
                readOffset += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw TailError(path: path, message: "read failed at byte \(readOffset): \(errnoText())")
        }
    }

    func rewind() throws { readOffset = 0 }

    func setReadOffset(_ offset: Int64) { readOffset = offset }

    func currentSize() throws -> Int64? {
        guard let status = FileStatus.of(fd: fd) else {
            throw TailError(path: path, message: "fstat failed: \(errnoText())")
        }
        return status.size
    }

    func firstBytes(_ count: Int) throws -> [UInt8] { try bytes(at: 0, count: count) }

    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        guard n >= 0 else { throw TailError(path: path, message: "read failed at byte \(offset): \(errnoText())") }
        return Array(bytes.prefix(n))
    }
}

extension PlainLogReader {
    /// Continues reading from `offset`.
    func seek(to offset: Int64) { setReadOffset(offset) }
}
