/// Follows one log file through rotation and hands on complete lines with
/// their offsets. Pure file I/O: what the lines mean and where positions are
/// kept is the caller's business (`TailPosition` is what to commit).
///
/// * Starts at a committed `TailPosition`, found in the live file or in a
///   rotated copy (`path.1`, `path.2.gz`, `path-20250601.gz`); the copies newer
///   than it are read in order (gzip inflated), then the live file.
/// * Rename rotation (a new inode at the path): the old file is read to its
///   end first, then the new one from byte 0.
/// * Copytruncate (the same inode shrank, or its first bytes changed): read
///   again from byte 0.
/// * A last line without its newline is never consumed from the live file
///   (it is still being written); a rotated file's unterminated last line is
///   passed on (`TailEvent.unterminatedLine`) so that it is not lost silently.
///
/// Not thread-safe: one owner. After `body` throws, discard the tailer.
public final class LogTailer {
    /// The live path, as configured.
    public let path: String
    let maxLineBytes: Int
    var reader: (any LogReader)?
    /// Whether `reader` is the file currently at `path` (else a rotated one, read to its end).
    var isLive = false
    /// Rotated files still to read before the live one, oldest first.
    var pending: [RotatedFiles.Candidate] = []
    /// Bytes of the current file delivered as lines.
    var consumed: Int64 = 0
    /// The current file's first `min(64, consumed)` bytes.
    var head: [UInt8] = []
    /// The `min(64, consumed)` bytes before `consumed`.
    var last: [UInt8] = []
    var buffer: UnsafeMutableRawBufferPointer
    /// Bytes at the start of `buffer` that are not yet a complete line.
    var carry = 0
    var events: [TailEvent] = []
    var lastPosition: TailPosition?
    var reportedDeleted = false

    /// Opens `path` at `startAt` (nil: the live file from its first byte).
    /// `chunkBytes` is the read size; a line longer than `maxLineBytes` is
    /// passed on in pieces of that size (the parser rejects them).
    public init(path: String, startAt: TailPosition?, chunkBytes: Int = 1 << 20, maxLineBytes: Int = 4 << 20) throws {
        precondition(chunkBytes > 0 && maxLineBytes >= chunkBytes, "0 < chunkBytes <= maxLineBytes")
        self.path = path
        self.maxLineBytes = maxLineBytes
        buffer = .allocate(byteCount: chunkBytes, alignment: 16)
        lastPosition = startAt
        if let startAt { try resume(at: startAt) }
        // Open now, so that `position()` names the file that was there at the start.
        if reader == nil { _ = try openNextFile() }
    }

    deinit {
        reader?.close()
        buffer.deallocate()
    }

    /// The events since the last call.
    public func takeEvents() -> [TailEvent] {
        defer { events.removeAll() }
        return events
    }

    /// The file being read, if any.
    public var currentFile: String? { reader?.path }

    /// Where reading stands: just after the last line passed on. Commit it
    /// with what those lines produced.
    public func position() -> TailPosition? {
        guard let reader else { return lastPosition }
        // Nothing read yet from the file after a rotated one: the end of that
        // one says more (it is found even after this file is compressed).
        if consumed == 0, let lastPosition { return lastPosition }
        return TailPosition(device: reader.device, inode: reader.inode, head: head, last: last, offset: consumed)
    }

    /// The first line of the file being read (a CSV header when resuming in
    /// the middle of one), up to `limit` bytes; nil when there is none yet.
    public func firstLineOfCurrentFile(limit: Int = 64 << 10) throws -> [UInt8]? {
        guard let reader else { return nil }
        let bytes = try reader.firstBytes(limit)
        return bytes.firstIndex(of: 0x0A).map { Array(bytes[..<$0]) }
    }

    /// Reads what is there now and calls `body` for each complete line, in
    /// order; returns after about `maxBytes` bytes of lines, or when every
    /// file is read to its current end. Returns the bytes of lines passed on.
    @discardableResult
    public func poll(maxBytes: Int = .max, _ body: (TailLine) throws -> Void) throws -> Int {
        var delivered = 0
        // Before reading on: a file truncated and rewritten past our offset since the last poll.
        if isLive, reader != nil { _ = try checkTruncation() }
        while delivered < maxBytes {
            if reader == nil {
                guard try openNextFile() else { return delivered }
            }
            let n = try reader!.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[carry...]))
            if n > 0 {
                carry += n
                delivered += try deliverLines(body)
                if carry == buffer.count { try makeRoom(body) }
                continue
            }
            if !isLive {
                try finishRotated(body)
                continue
            }
            guard try checkLiveFile() else { return delivered }
        }
        return delivered
    }

    /// Passes on the complete lines in the buffer and keeps the rest.
    func deliverLines(_ body: (TailLine) throws -> Void) throws -> Int {
        let file = reader!.path
        let base = consumed
        let whole = UnsafeRawBufferPointer(rebasing: buffer[0..<carry])
        let used = try LineSplitter.forEachLine(in: whole) { line in
            let start = base + Int64(line.baseAddress! - whole.baseAddress!)
            try body(TailLine(bytes: line, file: file, offset: start, endOffset: start + Int64(line.count) + 1))
        }
        guard used > 0 else { return 0 }
        advance(over: UnsafeRawBufferPointer(rebasing: whole[0..<used]))
        carry -= used
        if carry > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + used, byteCount: carry) }
        return used
    }

    /// The buffer is full of one unfinished line: grow it, or pass the line
    /// on in a piece when it is over `maxLineBytes`.
    func makeRoom(_ body: (TailLine) throws -> Void) throws {
        if buffer.count < maxLineBytes {
            let bigger = UnsafeMutableRawBufferPointer.allocate(
                byteCount: min(buffer.count * 2, maxLineBytes), alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: carry)
            buffer.deallocate()
            buffer = bigger
        } else {
            try deliverRemainder(body)
        }
    }

    /// Passes on the bytes after the last newline as a line of their own.
    func deliverRemainder(_ body: (TailLine) throws -> Void) throws {
        guard carry > 0, let reader else { return }
        let line = UnsafeRawBufferPointer(rebasing: buffer[0..<carry])
        try body(TailLine(bytes: line, file: reader.path, offset: consumed, endOffset: consumed + Int64(carry)))
        advance(over: line)
        carry = 0
    }

    /// Marks `bytes` (the next bytes of the file) consumed, keeping the head.
    func advance(over bytes: UnsafeRawBufferPointer) {
        if head.count < TailPosition.headBytes {
            head += bytes.prefix(TailPosition.headBytes - head.count)
        }
        if bytes.count >= TailPosition.headBytes {
            last = Array(bytes.suffix(TailPosition.headBytes))
        } else {
            last = Array((last + bytes).suffix(TailPosition.headBytes))
        }
        consumed += Int64(bytes.count)
    }
}
