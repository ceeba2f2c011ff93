/// One complete line of a log, as the tailer passes it on.
public struct TailLine {
    /// The line without its `\n`; valid only inside the callback.
    public var bytes: UnsafeRawBufferPointer
    /// The file it was read from (a rotated name during catch-up).
    public var file: String
    /// Byte offset of its first byte in that (decompressed) file.
    public var offset: Int64
    /// Byte offset just after its newline: where reading resumes.
    public var endOffset: Int64
}
