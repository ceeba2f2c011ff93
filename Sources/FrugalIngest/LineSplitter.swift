#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a buffer read from a log into lines. Only lines ended by `\n` are
/// passed on; the bytes after the last newline are a line still being
/// written, left for the next read.
public enum LineSplitter {
    /// Calls `body` with each complete line (without its `\n`) and returns
    /// how many bytes were consumed.
    @discardableResult
    public static func forEachLine(
        in buffer: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var start = 0
        while start < buffer.count {
            guard let found = memchr(base + start, 0x0A, buffer.count - start) else { break }
            let newline = UnsafeRawPointer(found) - base
            try body(UnsafeRawBufferPointer(start: base + start, count: newline - start))
            start = newline + 1
        }
        return start
    }
}
