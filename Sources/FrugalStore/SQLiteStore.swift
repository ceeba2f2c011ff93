import FrugalCore
import Synchronization

/// The embedded store: one SQLite file per host, written by the daemon and
/// read by the API and reports (each through its own `SQLiteStore`; WAL lets
/// readers run while the writer commits). Thread-safe: calls are serialized.
///
/// See `SCHEMA.md` for the tables and `SampleBlockCodec` for the block format.
// @unchecked: every use of `engine` (a connection and its buffers) happens
// while holding `lock`, which the compiler cannot see through a class reference.
public final class SQLiteStore: SampleStore, SampleReader, @unchecked Sendable {
    /// How to open the store.
    public struct Options: Sendable {
        /// Open for queries only: never creates, migrates or writes.
        public var readOnly = false
        /// How long to wait for another connection's lock before failing. The
        /// daemon's sampler, ingest, attribution and carbon fetcher each write
        /// through a connection of their own: on a starved 2-core host a catch-up
        /// commit or the first start's migrations can hold the lock for seconds,
        /// and a writer that gave up after 5 s stopped the daemon under load.
        public var busyTimeoutMilliseconds: Int32 = 30_000
        /// Caps the file at this many pages (`PRAGMA max_page_count`), so the
        /// database stops with `StoreError.Kind.diskFull` before the disk does.
        /// Per connection, not stored in the file. nil: SQLite's default.
        public var maxPageCount: Int64?
        /// The precision kept for sample timestamps (end and elapsed): 1 ns keeps
        /// them exactly; 1 µs (what the daemon should use: a sysfs read takes
        /// longer than that) saves about 2 bytes per sample, because scheduler
        /// jitter in the low bits cannot be compressed. Energies are always exact.
        public var timestampResolution: Duration = .nanoseconds(1)

        public init(
            readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 30_000, maxPageCount: Int64? = nil,
            timestampResolution: Duration = .nanoseconds(1)
        ) {
            precondition(timestampResolution.nanoseconds >= 1, "timestamp resolution must be at least 1 ns")
            self.readOnly = readOnly
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.maxPageCount = maxPageCount
            self.timestampResolution = timestampResolution
        }
    }

    private let lock = Mutex(())
    private let engine: StoreEngine
    /// The database file.
    public let path: String

    /// Opens (creating and migrating unless read-only) the store at `path`.
    /// Errors name the path and the fix: a missing or read-only directory, a
    /// file that is not a database, a schema from a newer frugal.
    public init(path: String, options: Options = Options()) throws {
        self.path = path
        let db = try SQLiteDatabase(
            path: path, mode: options.readOnly ? .readOnly : .readWriteCreate,
            busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
        if options.readOnly {
            try Migrator.check(db)
        } else {
            try Migrator.migrate(db)
        }
        if let pages = options.maxPageCount { try db.execute("PRAGMA max_page_count = \(pages)") }
        let engine = StoreEngine(db: db, resolutionNanoseconds: options.timestampResolution.nanoseconds)
        engine.domainKeys = try engine.loadDomainKeys()
        self.engine = engine
    }

    func locked<T>(_ body: (StoreEngine) throws -> T) throws -> T {
        try lock.withLock { _ throws -> T in
            precondition(!engine.isClosed, "SQLiteStore used after close()")
            return try body(engine)
        }
    }

    // MARK: SampleStore

    public func registerHost(name: String, seenAt: Timestamp) throws {
        try locked { try $0.registerHost(name: name, seenAt: seenAt) }
    }

    public func register(domains: [Domain], seenAt: Timestamp) throws {
        try locked { try $0.register(domains: domains, seenAt: seenAt) }
    }

    /// Buffers the batch; throws `.unknownDomain` (buffering nothing) when a
    /// sample or gap names an unregistered domain.
    public func append(samples: [EnergySample], gaps: [SampleGap] = []) throws {
        try locked { try $0.append(samples: samples, gaps: gaps) }
    }

    @discardableResult
    public func flush() throws -> FlushReport {
        try locked { try $0.flush() }
    }

    @discardableResult
    public func pruneRaw(olderThan: Timestamp) throws -> PruneReport {
        try locked { try $0.pruneRaw(olderThan: olderThan) }
    }

    /// Flushes, then closes the connection. When the flush fails the store
    /// stays open, so the caller can retry or give up knowingly.
    public func close() throws {
        try lock.withLock { _ in
            guard !engine.isClosed else { return }
            try engine.close()
        }
    }

    /// Samples and gaps appended but not yet flushed.
    public var bufferedCount: (samples: Int, gaps: Int) {
        lock.withLock { _ in (engine.pendingSamples.count, engine.pendingGaps.count) }
    }

    // MARK: SampleReader

    public func domains() throws -> [StoredDomain] {
        try locked { try $0.domains() }
    }

    public func samples(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [EnergySample] {
        try locked { try $0.samples(domain: domain, from: from, to: to) }
    }

    /// Energy of the samples ending in `[from, to)`: whole minutes from rollups,
    /// partial ones from raw blocks; throws `.rawPruned` when an edge minute's
    /// raw block was pruned (ask for whole minutes then).
    public func energy(domain: DomainID, from: Timestamp, to: Timestamp) throws -> Energy {
        try usage(domain: domain, from: from, to: to).energy
    }

    public func usage(domain: DomainID, from: Timestamp, to: Timestamp) throws -> EnergyUsage {
        try locked { try $0.usage(domain: domain, from: from, to: to) }
    }

    public func gaps(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [SampleGap] {
        try locked { try $0.gaps(domain: domain, from: from, to: to) }
    }

    public func minuteRollups(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [MinuteRollup] {
        try locked { try $0.minuteRollups(domain: domain, from: from, to: to) }
    }

    // MARK: Maintenance

    /// Changes this connection's page cap (see `Options.maxPageCount`); nil
    /// lifts it to SQLite's maximum.
    public func setMaxPageCount(_ pages: Int64?) throws {
        try locked { try $0.db.execute("PRAGMA max_page_count = \(pages ?? 4_294_967_294)") }
    }

    /// `PRAGMA integrity_check`'s lines: `["ok"]` for a sound file.
    public func integrityCheck() throws -> [String] {
        try locked { try $0.db.integrityCheck() }
    }

    /// Rewrites the file compactly (`VACUUM`): slow, for maintenance windows and benchmarks.
    public func vacuum() throws {
        try locked { try $0.db.execute("VACUUM") }
    }

    /// Copies committed pages from the WAL into the file and truncates the WAL.
    public func checkpoint() throws {
        try locked { try $0.db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
