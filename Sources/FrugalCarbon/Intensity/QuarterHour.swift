import FrugalCore

/// Quarter-hour arithmetic: the grid's intensity step and the attribution window.
public enum QuarterHour {
    public static let nanoseconds: Int64 = 900_000_000_000

    /// The quarter's number since the epoch (floor, also before 1970).
    public static func index(_ t: Timestamp) -> Int64 {
        floorDiv(t.nanosecondsSinceEpoch, nanoseconds)
    }

    /// The start of the quarter hour that holds `t`.
    public static func start(of t: Timestamp) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: index(t) * nanoseconds)
    }

    /// The start of quarter number `index`.
    public static func start(index: Int64) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: index * nanoseconds)
    }
}
