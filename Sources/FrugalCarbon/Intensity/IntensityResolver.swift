import FrugalCore
import FrugalStore

/// A quarter hour's intensity with its provenance, from the best source that
/// has one: the store's consolidated or live value; else the newest live or
/// consolidated value of an earlier quarter no older than `maxCacheAge`
/// (`cached`: the real-time feed publishes with a lag); else a fallback row
/// the store already holds; else the bundled history, the same-quarter-hour
/// profile, the static factor (`IntensityFallback`).
public struct IntensityResolver: Sendable {
    public let zone: String
    public let store: SQLiteStore?
    public let fallback: IntensityFallback
    public let maxCacheAge: Duration

    public init(
        zone: String, store: SQLiteStore?, fallback: IntensityFallback, maxCacheAge: Duration = .seconds(3 * 3_600)
    ) {
        self.zone = zone
        self.store = store
        self.fallback = fallback
        self.maxCacheAge = maxCacheAge
    }

    /// Every quarter hour starting in `[from, to)` (`from` rounded down to its quarter).
    public func timeline(from: Timestamp, to: Timestamp) throws -> IntensityTimeline {
        let range = storedRange(from: from, to: to)
        let stored = try store?.gridIntensity(zone: zone, from: range.from, to: range.to) ?? []
        return timeline(from: from, to: to, stored: stored)
    }

    /// The quarters whose stored rows `timeline(from:to:stored:)` needs: the
    /// window's, and `maxCacheAge` before it (the last feed value).
    public func storedRange(from: Timestamp, to: Timestamp) -> (from: Timestamp, to: Timestamp) {
        let (first, end) = Self.quarters(from: from, to: to)
        let cacheQuarters = max(0, maxCacheAge.nanoseconds / QuarterHour.nanoseconds)
        return (QuarterHour.start(index: first - cacheQuarters), QuarterHour.start(index: end))
    }

    private static func quarters(from: Timestamp, to: Timestamp) -> (first: Int64, end: Int64) {
        let first = QuarterHour.index(from)
        return (
            first, max(first, QuarterHour.index(Timestamp(nanosecondsSinceEpoch: to.nanosecondsSinceEpoch - 1)) + 1)
        )
    }

    /// The timeline from rows already read (`storedRange`'s, from any store of this zone).
    public func timeline(from: Timestamp, to: Timestamp, stored rows: [GridIntensityRow]) -> IntensityTimeline {
        let (first, end) = Self.quarters(from: from, to: to)
        let cacheQuarters = max(0, maxCacheAge.nanoseconds / QuarterHour.nanoseconds)
        var stored: [Int64: GridIntensityRow] = [:]
        for row in rows { stored[QuarterHour.index(row.quarterStart)] = row }
        var lastFeed: (quarter: Int64, value: Double)?
        for quarter in (first - cacheQuarters)..<first {
            if let row = stored[quarter], row.source.rank >= GridIntensitySource.live.rank {
                lastFeed = (quarter, row.gramsPerKilowattHour)
            }
        }
        var resolved: [ResolvedIntensity] = []
        resolved.reserveCapacity(Int(end - first))
        for quarter in first..<end {
            let row = stored[quarter]
            if let row, row.source.rank >= GridIntensitySource.live.rank {
                lastFeed = (quarter, row.gramsPerKilowattHour)
                resolved.append(ResolvedIntensity(gramsPerKilowattHour: row.gramsPerKilowattHour, source: row.source))
            } else if let feed = lastFeed, quarter - feed.quarter <= cacheQuarters {
                resolved.append(ResolvedIntensity(gramsPerKilowattHour: feed.value, source: .cached))
            } else if let row {
                resolved.append(ResolvedIntensity(gramsPerKilowattHour: row.gramsPerKilowattHour, source: row.source))
            } else {
                resolved.append(fallback.resolve(quarter: quarter))
            }
        }
        return IntensityTimeline(firstQuarter: first, resolved: resolved)
    }

    /// The intensity of the quarter holding `t`.
    public func resolve(at t: Timestamp) throws -> ResolvedIntensity {
        try timeline(from: t, to: t + .nanoseconds(1)).intensity(at: t)!
    }
}
