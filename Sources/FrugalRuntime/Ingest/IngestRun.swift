import FrugalCarbon
import FrugalCore
import FrugalIngest
import FrugalStore

/// Reads one gateway log into the store, exactly once: the tailer's lines
/// are parsed in batches, and each batch's records, quarantined lines,
/// counters and the log's new offset are committed in one transaction
/// (`RequestStore.commitIngest`). A restart after any crash resumes at the
/// last committed line; a request id seen again is a counted duplicate.
public final class IngestRun {
    public struct Options: Sendable {
        /// nil: detected from the first lines (or the format stored with the offset).
        public var format: LogFormat?
        public var host: String
        public var timeZone: LogTimeZone
        public var nginxMapping: NginxMapping
        /// Lines per transaction: a catch-up commits every 50,000 lines (a
        /// commit rewrites the index leaves it touched, so fewer, larger
        /// commits write less); a followed log commits whatever it read.
        public var batchLines: Int
        /// Bytes per read; by default about a tenth of a batch, at most 1 MiB.
        public var chunkBytes: Int
        /// Frugal's model-based estimate stored with each request
        /// (`requests.estimated_uj`); nil: none stored.
        public var estimator: (any RequestEnergyEstimator)?

        public init(
            format: LogFormat? = nil, host: String, timeZone: LogTimeZone = .utc,
            nginxMapping: NginxMapping = NginxMapping(), batchLines: Int = 50_000, chunkBytes: Int? = nil,
            estimator: (any RequestEnergyEstimator)? = ModelCatalogue.bundled
        ) {
            precondition(batchLines > 0 && (chunkBytes ?? 1) > 0, "batches and reads hold something")
            self.format = format
            self.host = host
            self.timeZone = timeZone
            self.nginxMapping = nginxMapping
            self.batchLines = batchLines
            self.estimator = estimator
            // A batch is committed between reads: small batches need small reads (log lines are ~1 KB).
            self.chunkBytes = chunkBytes ?? min(1 << 20, max(16 << 10, batchLines * 128))
        }
    }

    /// The log's live path: the key of its offset in the store.
    public let path: String
    public let options: Options
    let store: any RequestStore
    let tailer: LogTailer
    private(set) public var format: LogFormat?
    var parser: (any LogLineParser)?
    /// Lines read before the format is known, kept until it is.
    var undetected: [(bytes: [UInt8], file: String, offset: Int64)] = []
    var batch = PendingBatch()
    let pipeline = CommitPipeline()
    /// Everything this run committed.
    private(set) public var totals = IngestTotals()

    /// Opens the log at the offset the store holds for it. When it holds none,
    /// the file at `path` now is where the log begins: its offset 0 is
    /// committed at once, so that it is found again if rotated before a line
    /// of it is committed.
    public init(path: String, store: any RequestStore, options: Options, now: Timestamp) throws {
        self.path = path
        self.options = options
        self.store = store
        let stored = try store.ingestOffset(for: path)
        tailer = try LogTailer(
            path: path, startAt: stored.map(TailPosition.init), chunkBytes: options.chunkBytes,
            maxLineBytes: max(options.chunkBytes, 4 << 20))
        if let format = options.format ?? stored?.format.flatMap(LogFormat.init(rawValue:)) {
            try choose(format)
        }
        if stored == nil, let start = tailer.position() {
            // The file found at the first start is where this log begins: if it
            // is rotated before a line is committed, a restart still finds it.
            let offset = IngestOffset(
                device: start.device, inode: start.inode, head: start.head, last: start.last, offset: start.offset,
                format: format?.rawValue, updatedAt: now)
            try store.commitIngest(
                IngestBatch(source: path, format: format?.rawValue ?? "", linesRead: 0, offset: offset))
        }
    }

    /// Lines looked at to detect the format before giving up.
    static let detectionLimit = 1_000

    /// Lines read but not yet parsed because the format is not known yet.
    public var undetectedLines: Int { undetected.count }

    /// What the tailer noticed since the last call (rotations, truncations).
    public func takeEvents() -> [TailEvent] { tailer.takeEvents() }

    /// Reads the log to its current end, committing every `batchLines`
    /// lines and once at the end; stops early (after a commit) when `stop`
    /// says so. Returns what this call committed.
    @discardableResult
    public func catchUp(now: Timestamp, stop: () -> Bool = { false }) throws -> IngestTotals {
        let before = totals
        let context = ParseContext(host: options.host, timeZone: options.timeZone, now: now)
        while true {
            let bytes = try tailer.poll(maxBytes: options.chunkBytes) { line in
                handle(line, context: context, now: now)
            }
            if parser == nil, !undetected.isEmpty, bytes == 0 || undetected.count >= Self.detectionLimit {
                try detectNow(context: context, now: now, atEnd: true)
            }
            if batch.linesRead >= options.batchLines || bytes == 0 {
                try commit(now: now)
                if stop() { break }
            }
            if bytes == 0 { break }
        }
        // Nothing stays in flight between calls: what was read is committed.
        try finishCommit()
        var done = totals
        done.subtract(before)
        return done
    }

    private func handle(_ line: TailLine, context: ParseContext, now: Timestamp) {
        guard let parser else {
            // Past the limit nothing is kept: catchUp throws, nothing is committed, and
            // the next run (with a format given) starts again at the committed offset.
            guard undetected.count < Self.detectionLimit else { return }
            undetected.append((Array(line.bytes), line.file, line.offset))
            if undetected.count % 50 == 0 { try? detectNow(context: context, now: now, atEnd: false) }
            return
        }
        batch.add(
            parser.parse(line.bytes, context: context), line: line.bytes, file: line.file,
            offset: line.offset, format: parser.format, seenAt: now)
    }

    /// Picks the format from the lines kept, then parses them.
    private func detectNow(context: ParseContext, now: Timestamp, atEnd: Bool) throws {
        let detector = FormatDetector(nginxMapping: options.nginxMapping)
        guard let format = detector.detect(lines: undetected.map(\.bytes)) else {
            // Few lines may be a log that has barely begun: wait for more.
            if undetected.count >= Self.detectionLimit || (atEnd && undetected.count >= detector.sampleSize) {
                throw IngestError(
                    path: path,
                    message: "no line looks like LiteLLM, Albert, nginx JSON or Frugal JSONL: give the format")
            }
            return
        }
        try choose(format)
        let kept = undetected
        undetected = []
        for line in kept {
            line.bytes.withUnsafeBytes { bytes in
                batch.add(
                    parser!.parse(bytes, context: context), line: bytes, file: line.file, offset: line.offset,
                    format: format, seenAt: now)
            }
        }
    }

    private func choose(_ format: LogFormat) throws {
        self.format = format
        if format == .albert, (tailer.position()?.offset ?? 0) > 0,
            let header = try tailer.firstLineOfCurrentFile()
        {
            // Resuming inside a CSV export: its column names are on its first line.
            parser = AlbertParser(csvHeader: String(decoding: header, as: UTF8.self))
        } else {
            parser = format.makeParser(nginx: options.nginxMapping)
        }
    }

    /// Hands the batch, with the tailer's position (exactly the lines in it),
    /// to the committing thread, once the batch before it is in.
    private func commit(now: Timestamp) throws {
        try finishCommit()
        guard batch.linesRead > 0, undetected.isEmpty, let format, let position = tailer.position() else { return }
        let offset = IngestOffset(
            device: position.device, inode: position.inode, head: position.head, last: position.last,
            offset: position.offset, format: format.rawValue, updatedAt: now)
        pipeline.submit(
            batch.make(source: path, format: format.rawValue, offset: offset, estimator: options.estimator),
            summary: batch, to: store)
        batch = PendingBatch()
    }

    /// Waits for the batch in flight and counts it.
    private func finishCommit() throws {
        guard let (report, done) = try pipeline.finish() else { return }
        totals.linesRead += done.linesRead
        totals.inserted += report.inserted
        totals.duplicates += report.duplicates
        for line in done.rejected { totals.rejected[line.reason, default: 0] += 1 }
        totals.skipped.merge(done.skipped, uniquingKeysWith: +)
        totals.commits += 1
    }
}

extension TailPosition {
    init(_ offset: IngestOffset) {
        self.init(
            device: offset.device, inode: offset.inode, head: offset.head, last: offset.last, offset: offset.offset)
    }
}

/// Why a log cannot be ingested.
public struct IngestError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
