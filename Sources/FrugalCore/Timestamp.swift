/// A wall-clock instant: nanoseconds since the Unix epoch, UTC.
///
/// Samples are stamped with the wall clock at the moment of the read; the
/// length of an interval comes from the monotonic clock, because the wall clock
/// can step (NTP, a manual change) and a stepped interval would mis-state power.
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }
    public init(secondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000 }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.nanosecondsSinceEpoch < b.nanosecondsSinceEpoch }

    public static func + (t: Timestamp, d: Duration) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: t.nanosecondsSinceEpoch + d.nanoseconds)
    }
    public static func - (t: Timestamp, d: Duration) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: t.nanosecondsSinceEpoch - d.nanoseconds)
    }

    public static func - (a: Timestamp, b: Timestamp) -> Duration {
        .nanoseconds(a.nanosecondsSinceEpoch - b.nanosecondsSinceEpoch)
    }

    /// The start of the UTC minute that holds this instant.
    public var minuteStart: Timestamp {
        let minute: Int64 = 60_000_000_000
        let n = nanosecondsSinceEpoch
        return Timestamp(nanosecondsSinceEpoch: n - ((n % minute) + minute) % minute)
    }

    public var secondsSinceEpoch: Double { Double(nanosecondsSinceEpoch) / 1e9 }

    public var description: String { "\(nanosecondsSinceEpoch) ns" }
}
