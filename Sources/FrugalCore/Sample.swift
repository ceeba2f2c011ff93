/// The energy one domain drew over one sampling interval.
public struct EnergySample: Hashable, Sendable, Codable {
    public var domain: DomainID
    /// Wall-clock stamp of the read that closes the interval.
    public var end: Timestamp
    /// The interval's length, from the monotonic clock.
    public var elapsed: Duration
    public var energy: Energy
    /// True when the counter wrapped in this interval (kept for audit).
    public var wrapped: Bool

    public init(domain: DomainID, end: Timestamp, elapsed: Duration, energy: Energy, wrapped: Bool = false) {
        self.domain = domain
        self.end = end
        self.elapsed = elapsed
        self.energy = energy
        self.wrapped = wrapped
    }

    /// Wall-clock start of the interval (end minus the monotonic length).
    /// (Integer nanoseconds: attribution reads it for every interval of every
    /// domain, and a `Duration` round trip costs two 128-bit conversions.)
    public var start: Timestamp { Timestamp(nanosecondsSinceEpoch: end.nanosecondsSinceEpoch - elapsed.nanoseconds) }
}

/// A stretch of time in which a domain's energy is unknown, and why.
public struct SampleGap: Hashable, Sendable, Codable {
    public enum Reason: String, Hashable, Sendable, Codable {
        /// The read failed (see `detail`).
        case readFailed = "read_failed"
        /// The counter went backwards without a possible wrap.
        case counterReset = "counter_reset"
        /// The interval was long enough for two wraps: one can't tell.
        case possibleDoubleWrap = "possible_double_wrap"
        /// The domain disappeared from the host.
        case domainVanished = "domain_vanished"
        /// The daemon was not running (found on restart).
        case daemonDown = "daemon_down"
    }

    public var domain: DomainID
    public var start: Timestamp
    public var end: Timestamp
    public var reason: Reason
    public var detail: String

    public init(domain: DomainID, start: Timestamp, end: Timestamp, reason: Reason, detail: String) {
        self.domain = domain
        self.start = start
        self.end = end
        self.reason = reason
        self.detail = detail
    }
}
