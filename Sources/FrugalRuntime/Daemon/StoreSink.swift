import FrugalCore
import FrugalStore

/// The sampler's output written to a `SampleStore` for one host.
public final class StoreSink: SampleSink {
    public let store: SQLiteStore
    private let host: String
    private let clock: any SampleClock

    /// Opens (or creates) the SQLite store at `path` and records the host.
    public init(path: String, host: String, clock: any SampleClock) throws {
        // Counters move about once a millisecond: finer stamps cost bytes and say nothing.
        self.store = try SQLiteStore(path: path, options: SQLiteStore.Options(timestampResolution: .milliseconds(1)))
        self.host = host
        self.clock = clock
        try store.registerHost(name: host, seenAt: clock.now().wall)
    }

    public func register(domains: [Domain]) throws {
        guard !domains.isEmpty else { return }
        try store.register(domains: domains, seenAt: clock.now().wall)
    }

    public func append(samples: [EnergySample], gaps: [SampleGap]) throws {
        guard !samples.isEmpty || !gaps.isEmpty else { return }
        try store.append(samples: samples, gaps: gaps)
    }

    public func flush() throws { try store.flush() }

    /// The end of each domain's last committed sample, looked up from the
    /// domain's last-seen minute.
    public func lastSampleEnds() throws -> [DomainID: Timestamp] {
        var ends: [DomainID: Timestamp] = [:]
        let far = Timestamp(nanosecondsSinceEpoch: .max)
        for stored in try store.domains() where stored.host == host {
            let since = stored.lastSeen + .seconds(-180)
            guard let minute = try store.minuteRollups(domain: stored.domain.id, from: since, to: far).last else {
                continue
            }
            let samples = try store.samples(domain: stored.domain.id, from: minute.minuteStart, to: far)
            if let end = samples.last?.end { ends[stored.domain.id] = end }
        }
        return ends
    }

    public func pruneRaw(olderThan cutoff: Timestamp) throws { try store.pruneRaw(olderThan: cutoff) }

    public func close() throws { try store.close() }
}
