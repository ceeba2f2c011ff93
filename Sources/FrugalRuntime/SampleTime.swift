import FrugalCore

#if canImport(Glibc)
    import Glibc
#endif

/// The two clocks read at one instant: the wall clock stamps the read, the
/// monotonic clock measures how long the interval lasted.
public struct SampleTime: Hashable, Sendable {
    public var wall: Timestamp
    /// Time since an arbitrary origin, never stepping backwards.
    public var monotonic: Duration

    public init(wall: Timestamp, monotonic: Duration) {
        self.wall = wall
        self.monotonic = monotonic
    }

    /// Both clocks advanced by the same amount (for simulated and replayed time).
    public func advanced(by d: Duration) -> SampleTime {
        SampleTime(wall: wall + d, monotonic: monotonic + d)
    }
}

/// Where the sampler gets the time from; tests and the demo drive it by hand.
public protocol SampleClock: Sendable {
    func now() -> SampleTime
    /// Blocks until the monotonic clock reads `deadline`; throws
    /// `CancellationError` when `stop` is signalled first (shutdown).
    func sleep(until deadline: Duration, or stop: StopSignal) throws
}

/// The host's clocks: CLOCK_REALTIME for stamps, CLOCK_MONOTONIC for lengths.
public struct SystemSampleClock: SampleClock {
    public init() {}

    public func now() -> SampleTime {
        SampleTime(
            wall: Self.read(CLOCK_REALTIME), monotonic: .nanoseconds(Self.read(CLOCK_MONOTONIC).nanosecondsSinceEpoch))
    }

    public func sleep(until deadline: Duration, or stop: StopSignal) throws {
        if stop.sleep(untilMonotonic: deadline.nanoseconds) { throw CancellationError() }
    }

    private static func read(_ clock: clockid_t) -> Timestamp {
        var ts = timespec()
        clock_gettime(clock, &ts)
        return Timestamp(nanosecondsSinceEpoch: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }
}
