import FrugalCore
import FrugalStore

/// Puts parsed or fetched values and fallbacks into the store's
/// `grid_intensity`, by the store's rank rule (consolidated > live >
/// historical > historical_profile > static; equal or better replaces).
public struct GridIntensityWriter: Sendable {
    public let store: SQLiteStore
    public let zone: String

    public init(store: SQLiteStore, zone: String) {
        self.store = store
        self.zone = zone
    }

    /// Stores points: consolidated ones as `consolidated`, the rest as `live`.
    @discardableResult
    public func store(points: [GridPoint], fetchedAt: Timestamp) throws -> GridUpsertReport {
        try store.upsertGridIntensity(
            points.map { point in
                GridIntensityRow(
                    zone: zone, quarterStart: Timestamp(nanosecondsSinceEpoch: point.quarterStartNanoseconds),
                    gramsPerKilowattHour: point.gramsPerKilowattHour,
                    source: point.nature == .consolidated ? .consolidated : .live, fetchedAt: fetchedAt)
            })
    }

    /// Fills every quarter of `[from, to)` that has no row, or a worse
    /// fallback, from `fallback` (bundled history, profile, static factor).
    /// Rows from the feed are never touched.
    @discardableResult
    public func backfill(from: Timestamp, to: Timestamp, fallback: IntensityFallback, now: Timestamp) throws
        -> GridUpsertReport
    {
        var rows: [GridIntensityRow] = []
        var quarter = QuarterHour.index(from)
        while QuarterHour.start(index: quarter) < to {
            let resolved = fallback.resolve(quarter: quarter)
            rows.append(
                GridIntensityRow(
                    zone: zone, quarterStart: QuarterHour.start(index: quarter),
                    gramsPerKilowattHour: resolved.gramsPerKilowattHour, source: resolved.source, fetchedAt: now))
            quarter += 1
        }
        return try store.upsertGridIntensity(rows)
    }
}
