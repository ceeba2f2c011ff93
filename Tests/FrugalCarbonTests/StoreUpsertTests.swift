import Foundation
import FrugalCarbon
import FrugalCore
import FrugalStore
import Testing

/// grid_intensity's rules: consolidated replaces live, never the reverse;
/// fallbacks fill gaps only.
@Suite struct StoreUpsertTests {
    static func temporaryStore() throws -> SQLiteStore {
        let path = NSTemporaryDirectory() + "frugal-carbon-\(UUID().uuidString).db"
        return try SQLiteStore(path: path)
    }

    func row(_ quarter: Int64, _ g: Double, _ source: GridIntensitySource) -> GridIntensityRow {
        GridIntensityRow(
            zone: "FR", quarterStart: QuarterHour.start(index: quarter), gramsPerKilowattHour: g, source: source,
            fetchedAt: Timestamp(secondsSinceEpoch: 1))
    }

    @Test func consolidatedReplacesLiveAndNeverTheReverse() throws {
        let store = try Self.temporaryStore()
        var report = try store.upsertGridIntensity([row(10, 30, .live), row(11, 31, .live)])
        #expect(report.inserted == 2)
        report = try store.upsertGridIntensity([row(10, 28, .consolidated)])
        #expect(report.replaced == 1)
        report = try store.upsertGridIntensity([row(10, 35, .live), row(11, 33, .live), row(11, 33, .live)])
        #expect(report.refused == 1 && report.replaced == 1 && report.unchanged == 1)
        let rows = try store.gridIntensity(
            zone: "FR", from: QuarterHour.start(index: 0), to: QuarterHour.start(index: 20))
        #expect(rows.map(\.gramsPerKilowattHour) == [28, 33])
        #expect(rows.map(\.source) == [.consolidated, .live])
    }

    @Test func backfillFillsGapsAndLeavesFeedValues() throws {
        let store = try Self.temporaryStore()
        try store.upsertGridIntensity([row(100, 30, .live)])
        let writer = GridIntensityWriter(store: store, zone: "FR")
        let fallback = IntensityFallback(staticGramsPerKilowattHour: 40)
        let report = try writer.backfill(
            from: QuarterHour.start(index: 98), to: QuarterHour.start(index: 102), fallback: fallback,
            now: Timestamp(secondsSinceEpoch: 2))
        #expect(report.inserted == 3 && report.refused == 1)
        let rows = try store.gridIntensity(
            zone: "FR", from: QuarterHour.start(index: 0), to: QuarterHour.start(index: 200))
        #expect(rows.count == 4)
        #expect(rows.first { QuarterHour.index($0.quarterStart) == 100 }?.source == .live)
        // Quarters of 1970 are outside the history: profile (by quarter of day) fills them.
        #expect(rows.filter { $0.source == .historicalProfile }.count == 3)
        // A later feed value replaces the fallback.
        #expect(try store.upsertGridIntensity([row(99, 25, .live)]).replaced == 1)
    }
}
