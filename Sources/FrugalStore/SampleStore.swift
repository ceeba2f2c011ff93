import FrugalCore

/// What the sampler and the daemon write through: the single writer of a
/// host's energy samples. `SQLiteStore` implements it; a PostgreSQL backend
/// for fleets will too.
///
/// Samples are buffered by `append` and made durable by `flush`, one
/// transaction per call (the daemon flushes every second): a crash loses at
/// most the batch appended since the last successful flush, and the database
/// always opens consistent. A failed flush keeps its batch for the next try.
public protocol SampleStore: AnyObject, Sendable {
    /// Records the host this store writes for (its name, e.g. the hostname);
    /// must come before `register(domains:seenAt:)`.
    func registerHost(name: String, seenAt: Timestamp) throws
    /// Records (or updates) the host's power domains; samples and gaps may
    /// only name registered domains.
    func register(domains: [Domain], seenAt: Timestamp) throws
    /// Buffers samples and gaps until the next `flush`. Re-appending a sample
    /// with the same domain and end replaces it: nothing is counted twice.
    func append(samples: [EnergySample], gaps: [SampleGap]) throws
    /// Writes everything buffered in one transaction.
    @discardableResult func flush() throws -> FlushReport
    /// Deletes raw sample blocks of whole minutes before `olderThan`; rollups
    /// and gaps are kept forever.
    @discardableResult func pruneRaw(olderThan: Timestamp) throws -> PruneReport
    /// Flushes and closes; the store must not be used afterwards.
    func close() throws
}

/// The questions the API, `/metrics` and reports ask. Answers cover what was
/// committed by the writer (buffered samples are not visible).
public protocol SampleReader: AnyObject, Sendable {
    /// Every registered domain, in domain-ID order.
    func domains() throws -> [StoredDomain]
    /// Samples of `domain` whose end lies in `[from, to)`, in time order.
    func samples(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [EnergySample]
    /// Energy of the samples of `domain` whose end lies in `[from, to)`.
    func energy(domain: DomainID, from: Timestamp, to: Timestamp) throws -> Energy
    /// Energy with the counts that say how complete it is.
    func usage(domain: DomainID, from: Timestamp, to: Timestamp) throws -> EnergyUsage
    /// Gaps of `domain` that overlap `[from, to)`, in start order.
    func gaps(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [SampleGap]
    /// Minute rollups of `domain` for minutes starting in `[from, to)`.
    func minuteRollups(domain: DomainID, from: Timestamp, to: Timestamp) throws -> [MinuteRollup]
}

/// A registered domain with when it was seen.
public struct StoredDomain: Hashable, Sendable {
    public var domain: Domain
    public var host: String
    public var firstSeen: Timestamp
    /// Advanced at registration and once a minute while samples arrive.
    public var lastSeen: Timestamp
}

/// The samples of one domain whose end lies in one UTC minute, summed.
public struct MinuteRollup: Hashable, Sendable {
    public var minuteStart: Timestamp
    public var energy: Energy
    public var sampleCount: Int
    /// Sum of the samples' elapsed time: 60 s for a fully covered minute.
    public var covered: Duration
    public var wrappedCount: Int

    public init(minuteStart: Timestamp, energy: Energy, sampleCount: Int, covered: Duration, wrappedCount: Int) {
        self.minuteStart = minuteStart
        self.energy = energy
        self.sampleCount = sampleCount
        self.covered = covered
        self.wrappedCount = wrappedCount
    }
}

/// Energy over a window, with how much of the window the samples cover.
public struct EnergyUsage: Hashable, Sendable {
    public var energy: Energy
    public var sampleCount: Int
    /// Sum of the samples' elapsed time; less than the window means gaps.
    public var covered: Duration
    public var wrappedCount: Int

    public init(energy: Energy = .zero, sampleCount: Int = 0, covered: Duration = .zero, wrappedCount: Int = 0) {
        self.energy = energy
        self.sampleCount = sampleCount
        self.covered = covered
        self.wrappedCount = wrappedCount
    }

    static func + (a: EnergyUsage, b: EnergyUsage) -> EnergyUsage {
        EnergyUsage(
            energy: a.energy + b.energy, sampleCount: a.sampleCount + b.sampleCount, covered: a.covered + b.covered,
            wrappedCount: a.wrappedCount + b.wrappedCount)
    }
}

/// What one flush wrote.
public struct FlushReport: Hashable, Sendable {
    /// Samples written (including replacements of already stored ones).
    public var samplesWritten = 0
    public var gapsWritten = 0
    /// Minute blocks (re)written.
    public var blocksWritten = 0
    /// Samples for minutes whose raw blocks retention already pruned: dropped,
    /// because their rollup can no longer be recomputed.
    public var samplesDroppedAsPruned = 0

    public init() {}
}

/// What one prune deleted.
public struct PruneReport: Hashable, Sendable {
    public var blocksDeleted = 0
    /// Raw blocks now start at or after this instant.
    public var rawKeptFrom: Timestamp

    public init(blocksDeleted: Int, rawKeptFrom: Timestamp) {
        self.blocksDeleted = blocksDeleted
        self.rawKeptFrom = rawKeptFrom
    }
}
