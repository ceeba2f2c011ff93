import FrugalCarbon
import FrugalCore
import FrugalStore
import Testing

/// The fallback chain and the provenance each quarter gets.
@Suite struct ResolverTests {
    let fallback = IntensityFallback(staticGramsPerKilowattHour: 40)
    /// 2022-01-10T12:00Z, inside the bundled history.
    let historyQuarter: Int64 = 1_641_816_000 / 900

    @Test func feedThenCachedThenHistoryThenProfileThenStatic() throws {
        let store = try StoreUpsertTests.temporaryStore()
        let q = historyQuarter
        try store.upsertGridIntensity([
            GridIntensityRow(
                zone: "FR", quarterStart: QuarterHour.start(index: q), gramsPerKilowattHour: 77, source: .consolidated,
                fetchedAt: Timestamp(secondsSinceEpoch: 1))
        ])
        let resolver = IntensityResolver(zone: "FR", store: store, fallback: fallback, maxCacheAge: .seconds(1_800))
        let timeline = try resolver.timeline(from: QuarterHour.start(index: q), to: QuarterHour.start(index: q + 4))
        #expect(timeline.intensity(quarter: q) == ResolvedIntensity(gramsPerKilowattHour: 77, source: .consolidated))
        #expect(timeline.intensity(quarter: q + 1) == ResolvedIntensity(gramsPerKilowattHour: 77, source: .cached))
        #expect(timeline.intensity(quarter: q + 2)?.source == .cached)
        let history = try #require(BundledGridHistory.france.gramsPerKilowattHour(quarter: q + 3))
        #expect(
            timeline.intensity(quarter: q + 3) == ResolvedIntensity(gramsPerKilowattHour: history, source: .historical))
        // Outside the history: the profile; with no history at all: the static factor.
        #expect(fallback.resolve(quarter: 1_900_000_000 / 900).source == .historicalProfile)
        let bare = IntensityFallback(history: BundledGridHistory(runsCSV: "header\n"), staticGramsPerKilowattHour: 40)
        #expect(bare.resolve(quarter: q) == ResolvedIntensity(gramsPerKilowattHour: 40, source: .static))
    }

    @Test func theProfileUsesMonthAndDayTypeWhenTheHistoryHasThem() {
        let profile = QuarterProfile(history: .france)
        // A January weekday noon in another year: the mean of the January 2022 weekday noons.
        let q = 1_736_942_400 / 900  // 2025-01-15T12:00Z (Wednesday), 13:00 Paris
        var sum = 0.0
        var count = 0.0
        for (quarter, value) in BundledGridHistory.france.quarters {
            let local = EuropeParis.local(utcSeconds: quarter * 900)
            if local.date.month == 1, local.secondOfDay == 13 * 3_600,
                local.date.weekday < 5
            {
                sum += value
                count += 1
            }
        }
        #expect(count > 5)
        #expect(abs(profile.gramsPerKilowattHour(quarter: Int64(q))! - sum / count) < 1e-9)
    }

    @Test func intervalsMeetTheirQuartersIntensities() throws {
        let q = historyQuarter
        let timeline = IntensityTimeline(
            firstQuarter: q,
            resolved: [
                ResolvedIntensity(gramsPerKilowattHour: 36, source: .live),
                ResolvedIntensity(gramsPerKilowattHour: 72, source: .static),
            ])
        var tally = CarbonTally()
        // 1 kWh over the half hour: half at 36, half at 72 g/kWh.
        tally.add(
            energyMicrojoules: 3_600_000_000_000, startNanoseconds: q * 900_000_000_000,
            endNanoseconds: (q + 2) * 900_000_000_000, timeline: timeline)
        #expect(abs(tally.totalGrams - 54) < 1e-9)
        #expect(tally.shares.map(\.source) == [.live, .static])
        #expect(tally.totalEnergy.microjoules == 3_600_000_000_000)
    }
}
