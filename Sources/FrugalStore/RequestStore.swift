import FrugalCore

/// The requests read from gateway logs, the lines that could not be read,
/// and how far each log was read. `SQLiteStore` implements it; see
/// `SCHEMA.md` (version 2).
///
/// Exactly once: `commitIngest` writes a batch's records, its quarantined
/// lines, its counters and the log's new offset in one transaction, so a
/// restart after any crash resumes exactly after the last committed line.
public protocol RequestStore: AnyObject, Sendable {
    /// Writes one batch in one transaction. A record whose (host, start, id)
    /// is already stored is skipped and counted as a duplicate: re-ingesting
    /// changes nothing.
    @discardableResult
    func commitIngest(_ batch: IngestBatch) throws -> IngestCommitReport
    /// Where `source` was read up to, or nil when it never was.
    func ingestOffset(for source: String) throws -> IngestOffset?
    /// The requests of `host` that overlap `[from, to)`: `start < to && end > from`,
    /// ordered by start then id.
    func requests(host: String, overlapping from: Timestamp, to: Timestamp) throws -> [RequestRecord]
    /// Quarantined lines, oldest first; all sources when `source` is nil.
    func quarantine(source: String?, limit: Int) throws -> [StoredQuarantine]
    /// The counters of `source` (`lines`, `records`, `duplicates`,
    /// `rejected.<reason>`, `skipped.<reason>`), summed over formats.
    func ingestCounters(source: String) throws -> [String: Int64]
    /// How many requests are stored, for one host or all.
    func requestCount(host: String?) throws -> Int
}

/// Where a log was read up to: the file (device and inode, and its first
/// bytes, so that a rotated or compressed copy is recognised under another
/// name) and the byte offset just after the last line committed.
public struct IngestOffset: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    /// The file's first bytes (at most 64, never past `offset`).
    public var head: [UInt8]
    /// The bytes just before `offset` (at most 64).
    public var last: [UInt8]
    /// Bytes of the (decompressed) file consumed.
    public var offset: Int64
    /// The format the log was read as.
    public var format: String?
    public var updatedAt: Timestamp

    public init(
        device: UInt64, inode: UInt64, head: [UInt8], last: [UInt8] = [], offset: Int64, format: String?,
        updatedAt: Timestamp
    ) {
        precondition(
            offset >= 0 && head.count <= 64 && last.count <= 64,
            "an offset is not negative; head and last bytes are at most 64")
        self.last = last
        self.device = device
        self.inode = inode
        self.head = head
        self.offset = offset
        self.format = format
        self.updatedAt = updatedAt
    }
}

/// A log line that did not become a request, kept with why.
public struct QuarantinedLine: Hashable, Sendable {
    /// The raw text kept per line; the full length is in `rawBytes`.
    public static let maxRawBytes = 8_192

    /// The file the line was read from (a rotated name when it was read there).
    public var file: String
    /// Byte offset of the line's first byte in that (decompressed) file.
    public var lineOffset: Int64
    public var format: String?
    /// `LineRejection.Reason` raw value (`truncated`, `negative_tokens`, …).
    public var reason: String
    public var field: String?
    public var message: String
    /// The line's first `maxRawBytes` bytes.
    public var raw: [UInt8]
    /// The line's length in bytes.
    public var rawBytes: Int
    public var seenAt: Timestamp

    public init(
        file: String, lineOffset: Int64, format: String?, reason: String, field: String?, message: String,
        line: UnsafeRawBufferPointer, seenAt: Timestamp
    ) {
        self.file = file
        self.lineOffset = lineOffset
        self.format = format
        self.reason = reason
        self.field = field
        self.message = message
        self.raw = Array(line.prefix(Self.maxRawBytes))
        self.rawBytes = line.count
        self.seenAt = seenAt
    }

    /// The kept text, with invalid UTF-8 replaced.
    public var text: String { String(decoding: raw, as: UTF8.self) }
}

/// What one read of a log produced, committed whole or not at all.
public struct IngestBatch: Sendable {
    /// The log, as configured (its live path): the key of its offset.
    public var source: String
    public var format: String
    public var records: [RequestRecord]
    public var rejected: [QuarantinedLine]
    /// Lines skipped without being kept (empty lines, CSV headers), by reason.
    public var skipped: [String: Int]
    /// Every line read, whatever became of it.
    public var linesRead: Int
    /// The log's offset once this batch is in.
    public var offset: IngestOffset
    /// Frugal's model-based estimate of each record's energy, in the order of
    /// `records` (nil: the model is unknown to the estimator); empty when
    /// none was made. Stored as `requests.estimated_uj`.
    public var estimates: [Energy?]

    public init(
        source: String, format: String, records: [RequestRecord] = [], rejected: [QuarantinedLine] = [],
        skipped: [String: Int] = [:], linesRead: Int, offset: IngestOffset, estimates: [Energy?] = []
    ) {
        precondition(estimates.isEmpty || estimates.count == records.count, "one estimate per record, or none")
        self.source = source
        self.format = format
        self.estimates = estimates
        self.records = records
        self.rejected = rejected
        self.skipped = skipped
        self.linesRead = linesRead
        self.offset = offset
    }
}

/// What a commit changed.
public struct IngestCommitReport: Hashable, Sendable {
    public var inserted = 0
    /// Records already stored (or repeated within the batch): same host, start and id. Skipped.
    public var duplicates = 0
    public var quarantined = 0
    public init() {}
}

/// A quarantined line as stored.
public struct StoredQuarantine: Hashable, Sendable {
    public var key: Int64
    public var source: String
    public var line: QuarantinedLine
}
