import FrugalCore

/// Where the sampler's output goes: the store, in the daemon. One task owns it.
public protocol SampleSink: AnyObject {
    /// Records domains seen for the first time.
    func register(domains: [Domain]) throws
    /// Buffers one tick's samples and gaps.
    func append(samples: [EnergySample], gaps: [SampleGap]) throws
    /// Commits what is buffered; on failure the buffer is kept for the next try.
    func flush() throws
    /// When each domain's last recorded sample ended, to find the time the daemon was down.
    func lastSampleEnds() throws -> [DomainID: Timestamp]
    /// Deletes raw samples older than `cutoff`; rollups are kept.
    func pruneRaw(olderThan cutoff: Timestamp) throws
    func close() throws
}
