extension LogTailer {
    /// Finds the committed position in the live file or a rotated copy and
    /// queues the newer copies; reads the live file from 0 when it is lost.
    func resume(at position: TailPosition) throws {
        var candidates = RotatedFiles.list(for: path)
        candidates.append(RotatedFiles.Candidate(path: path, compressed: false))
        guard let index = try locate(position, in: candidates) else {
            events.append(.positionLost(file: path))
            lastPosition = nil
            return
        }
        let found = candidates[index]
        pending = Array(candidates[(index + 1)...].dropLast())
        try open(found, isLive: index == candidates.count - 1)
        try skip(to: position.offset)
        head = Array(position.head.prefix(Int(consumed)))
        last = consumed == position.offset ? position.last : []
        events.append(.opened(file: found.path, offset: consumed))
    }

    /// The file that holds the position: the same inode with the same first
    /// bytes, else the oldest file with the same first bytes (a copy, or a
    /// compressed copy). An empty head (nothing read yet) needs the inode.
    func locate(_ position: TailPosition, in candidates: [RotatedFiles.Candidate]) throws -> Int? {
        func holds(_ candidate: RotatedFiles.Candidate) throws -> Bool {
            if !candidate.compressed {
                guard let status = FileStatus.of(path: candidate.path), status.size >= position.offset else {
                    return false
                }
            }
            let reader: any LogReader =
                candidate.compressed
                ? try GzipLogReader(path: candidate.path) : try PlainLogReader(path: candidate.path)
            defer { reader.close() }
            guard try reader.firstBytes(position.head.count) == position.head else { return false }
            let lastStart = position.offset - Int64(position.last.count)
            return try reader.bytes(at: lastStart, count: position.last.count) == position.last
        }
        for (index, candidate) in candidates.enumerated() where !candidate.compressed {
            guard let status = FileStatus.of(path: candidate.path) else { continue }
            if status.device == position.device && status.inode == position.inode, try holds(candidate) {
                return index
            }
        }
        guard !position.head.isEmpty else { return nil }
        for (index, candidate) in candidates.enumerated() {
            if (try? holds(candidate)) == true { return index }
        }
        return nil
    }

    func open(_ candidate: RotatedFiles.Candidate, isLive: Bool) throws {
        reader?.close()
        reader =
            candidate.compressed ? try GzipLogReader(path: candidate.path) : try PlainLogReader(path: candidate.path)
        self.isLive = isLive
        consumed = 0
        carry = 0
        head = []
        last = []
    }

    /// Moves a freshly opened file to `offset` (inflating and dropping, for gzip).
    func skip(to offset: Int64) throws {
        guard let reader, offset > 0 else { return }
        if let plain = reader as? PlainLogReader {
            consumed = offset
            plain.seek(to: offset)
            return
        }
        while consumed < offset {
            let want = Int(min(Int64(buffer.count), offset - consumed))
            let n = try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            if n == 0 { break }
            consumed += Int64(n)
        }
    }

    /// Opens the next rotated file, or the live one; false when there is none.
    func openNextFile() throws -> Bool {
        if !pending.isEmpty {
            let next = pending.removeFirst()
            try open(next, isLive: false)
            events.append(.opened(file: next.path, offset: 0))
            return true
        }
        guard FileStatus.of(path: path) != nil else { return false }
        try open(RotatedFiles.Candidate(path: path, compressed: false), isLive: true)
        events.append(.opened(file: path, offset: 0))
        return true
    }

    /// A rotated file read to its end: pass on an unterminated last line, move on.
    func finishRotated(_ body: (TailLine) throws -> Void) throws {
        if carry > 0, let file = reader?.path {
            events.append(.unterminatedLine(file: file, bytes: carry))
            try deliverRemainder(body)
        }
        lastPosition = position()
        reader?.close()
        reader = nil
    }

    /// At the end of the live file: has it been rotated or truncated? True
    /// when there is something new to read.
    func checkLiveFile() throws -> Bool {
        guard let reader else { return false }
        guard let status = FileStatus.of(path: path) else {
            if !reportedDeleted { events.append(.deleted(file: path)) }
            reportedDeleted = true
            return false
        }
        reportedDeleted = false
        if status.device != reader.device || status.inode != reader.inode {
            // Renamed away: one more read reaches its very end, then the new file is opened.
            events.append(.rotated(from: reader.path, to: path))
            isLive = false
            return true
        }
        return try checkTruncation()
    }

    /// Copytruncate: the live file shrank below what was read, or its first
    /// bytes changed. Then reading starts again at byte 0; true when it did.
    func checkTruncation() throws -> Bool {
        guard let reader, let size = try reader.currentSize() else { return false }
        var shrank = size < reader.readOffset
        if !shrank && !head.isEmpty { shrank = try reader.firstBytes(head.count) != head }
        // Files that all start alike (a CSV header) differ where reading stopped.
        if !shrank && !last.isEmpty {
            shrank = try reader.bytes(at: consumed - Int64(last.count), count: last.count) != last
        }
        guard shrank else { return false }
        events.append(.truncated(file: path, at: reader.readOffset))
        // Until a line of the new content is read, the old content's end is
        // where reading stands (its copy, `path.1`, is found by its first bytes).
        lastPosition = position()
        try reader.rewind()
        consumed = 0
        carry = 0
        head = []
        last = []
        return true
    }
}
