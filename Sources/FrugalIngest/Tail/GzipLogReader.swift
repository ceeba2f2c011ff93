import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A gzip'd rotated log (`proxy.log.2.gz`), inflated as it is read. Offsets
/// count decompressed bytes; files of several gzip members (`cat a.gz b.gz`)
/// read as their concatenation.
final class GzipLogReader: LogReader {
    let path: String
    let device: UInt64
    let inode: UInt64
    var isCompressed: Bool { true }
    private(set) var readOffset: Int64 = 0
    private let fd: Int32
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var streamEnded = false
    private var closed = false

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TailError(path: path, message: "cannot open: \(errnoText())") }
        guard let status = FileStatus.of(fd: fd) else {
            Glibc.close(fd)
            throw TailError(path: path, message: "fstat failed: \(errnoText())")
        }
        self.path = path
        self.fd = fd
        self.device = status.device
        self.inode = status.inode
        input = .allocate(byteCount: 256 << 10, alignment: 16)
        guard frugal_inflate_init_gzip(&stream) == Z_OK else {
            Glibc.close(fd)
            input.deallocate()
            throw TailError(path: path, message: "zlib could not start")
        }
    }

    deinit { close() }

    func close() {
        guard !closed else { return }
        closed = true
        inflateEnd(&stream)
        input.deallocate()
        _ = Glibc.close(fd)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !streamEnded, buffer.count > 0 else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 && !streamEnded {
            if stream.avail_in == 0 && !inputEnded { try refill() }
            let rc = inflate(&stream, Z_NO_FLUSH)
            switch rc {
            case Z_STREAM_END:
                // Another gzip member may follow.
                if stream.avail_in == 0 && !inputEnded { try refill() }
                if stream.avail_in > 0 { inflateReset(&stream) } else { streamEnded = true }
            case Z_OK:
                continue
            case Z_BUF_ERROR where inputEnded && stream.avail_in == 0:
                throw TailError(path: path, message: "the gzip data ends early (truncated file)")
            case Z_BUF_ERROR:
                continue
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw TailError(path: path, message: "not readable gzip data: \(detail)")
            }
        }
        let produced = buffer.count - Int(stream.avail_out)
        readOffset += Int64(produced)
        return produced
    }

    private func refill() throws {
        while true {
            let n = Glibc.read(fd, input.baseAddress, input.count)
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw TailError(path: path, message: "read failed: \(errnoText())") }
            if n == 0 { inputEnded = true }
            stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(n)
            return
        }
    }

    func rewind() throws {
        precondition(false, "a compressed rotated file is never truncated under the reader")
    }

    func currentSize() throws -> Int64? { nil }

    func firstBytes(_ count: Int) throws -> [UInt8] { try bytes(at: 0, count: count) }

    /// Inflates up to `offset + count` with a reader of its own, leaving this one where it is.
    func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        guard count > 0 else { return [] }
        let other = try GzipLogReader(path: path)
        defer { other.close() }
        var bytes = [UInt8](repeating: 0, count: max(count, 64 << 10))
        var skipped: Int64 = 0
        while skipped < offset {
            let want = Int(min(Int64(bytes.count), offset - skipped))
            let n = try bytes.withUnsafeMutableBytes {
                try other.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want]))
            }
            if n == 0 { return [] }
            skipped += Int64(n)
        }
        var filled = 0
        while filled < count {
            let n = try bytes.withUnsafeMutableBytes {
                try other.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled..<count]))
            }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes.prefix(filled))
    }
}
