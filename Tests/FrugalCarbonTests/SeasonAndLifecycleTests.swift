import FrugalCarbon
import FrugalCore
import FrugalStore
import Testing

/// The profile prices a quarter with its own season, and lifecycle never
/// falls below direct, whatever the intensity's provenance.
@Suite struct SeasonAndLifecycleTests {
    /// The bundled history's mean at one Paris hour, month and day type.
    static func mean(month: Int, hour: Int, weekend: Bool) -> (mean: Double, count: Int) {
        var sum = 0.0
        var count = 0
        for (quarter, value) in BundledGridHistory.france.quarters {
            let local = EuropeParis.local(utcSeconds: quarter * 900)
            let isWeekend = local.date.weekday >= 5
            if Int(local.date.month) == month, local.secondOfDay == Int64(hour * 3_600), isWeekend == weekend {
                sum += value
                count += 1
            }
        }
        return (count > 0 ? sum / Double(count) : .nan, count)
    }

    @Test func aMonthOutsideTheHistoryTakesTheNearestMonthNotTheYearsMean() throws {
        let profile = QuarterProfile(history: .france)
        // Wednesday 14 October 2026, 13:00 Paris (11:00Z): no October in the
        // history; August (two months away) is nearer than January (three).
        let october: Int64 = 1_791_975_600 / 900
        let match = try #require(profile.match(quarter: october))
        #expect(match.basis == .nearestMonth(8))
        let august = Self.mean(month: 8, hour: 13, weekend: false)
        #expect(august.count >= 1)
        #expect(abs(match.gramsPerKilowattHour - august.mean) < 1e-9)
        let january = Self.mean(month: 1, hour: 13, weekend: false)
        #expect(abs(match.gramsPerKilowattHour - january.mean) > 1, "priced like January")
        // Saturday 4 July 2026, 13:00 Paris: July holds only a Tuesday, so the
        // same month's other day type comes before another month.
        let julySaturday: Int64 = 1_783_162_800 / 900
        let july = try #require(profile.match(quarter: julySaturday))
        #expect(july.basis == .sameMonth)
        #expect(abs(july.gramsPerKilowattHour - Self.mean(month: 7, hour: 13, weekend: false).mean) < 1e-9)
    }

    @Test func monthsAroundAreOnTheYearsCircle() {
        let profile = QuarterProfile(history: .france)
        // Sunday 15 November 2026, 13:00 Paris: neither October nor December
        // (one month away) is in the history; January, two months away over
        // the new year, is nearer than August (three).
        let november: Int64 = 1_794_744_000 / 900
        #expect(profile.match(quarter: november)?.basis == .nearestMonth(1))
    }

    /// Every provenance the resolver can give, each at a low and a high intensity.
    @Test(arguments: GridIntensitySource.allCases)
    func lifecycleIsNeverBelowDirect(source: GridIntensitySource) {
        let lifecycle = LifecycleIntensity.france
        #expect(lifecycle.upstream.gramsPerKilowattHour > 0)
        for direct in [0.0, 5, 41.44, 59, 120, 600] {
            let resolved = ResolvedIntensity(gramsPerKilowattHour: direct, source: source)
            let full = lifecycle.resolve(resolved)
            #expect(full.source == source)
            #expect(full.gramsPerKilowattHour >= direct + lifecycle.upstream.gramsPerKilowattHour - 1e-12)
        }
    }

    /// Quarter by quarter over a month with no eCO2mix data (the report's
    /// October 2026): every fallback quarter, lifecycle ≥ direct.
    @Test func perQuarterLifecycleOverAMonthOfFallbacks() throws {
        let fallback = IntensityFallback(staticGramsPerKilowattHour: 40)
        let resolver = IntensityResolver(zone: "FR", store: nil, fallback: fallback)
        let start = Timestamp(secondsSinceEpoch: 1_790_805_600)  // 2026-10-01 00:00 Paris
        let timeline = try resolver.timeline(from: start, to: start + .seconds(31 * 86_400 + 3_600))
        #expect(timeline.count == 31 * 96 + 4)  // the autumn change adds an hour
        var sources = Set<GridIntensitySource>()
        for offset in 0..<timeline.count {
            let direct = try #require(timeline.intensity(quarter: timeline.firstQuarter + Int64(offset)))
            sources.insert(direct.source)
            #expect(LifecycleIntensity.france.resolve(direct).gramsPerKilowattHour > direct.gramsPerKilowattHour)
        }
        #expect(sources == [.historicalProfile])
    }

    /// SCI's lifecycle grams: energy × (direct + adder), quarter by quarter.
    @Test func sciLifecycleAddsTheAdderToEachQuarter() throws {
        let fallback = IntensityFallback(
            history: BundledGridHistory(runsCSV: "header\n"), staticGramsPerKilowattHour: 30)
        let quarter = Timestamp(secondsSinceEpoch: 1_790_805_600)
        let rows = [
            QuarterEnergyIntensity(
                host: "h", quarterStart: quarter, model: "m", tenant: "t", requests: 2, promptTokens: 10,
                completionTokens: 10, dynamic: Energy(microjoules: 3_600_000_000_000), idle: .zero,
                gramsPerKilowattHour: 90, source: .live),
            QuarterEnergyIntensity(
                host: "h", quarterStart: quarter + .seconds(900), model: "m", tenant: "t", requests: 1,
                promptTokens: 10, completionTokens: 10, dynamic: Energy(microjoules: 3_600_000_000_000), idle: .zero,
                gramsPerKilowattHour: nil, source: nil),
        ]
        let figures = try #require(SCI.figures(rows: rows, key: \.model, fallback: fallback, embodied: nil)["m"])
        let upstream = LifecycleIntensity.france.upstream.gramsPerKilowattHour
        #expect(abs(figures.operational.totalGrams - (90 + 30)) < 1e-9)
        #expect(abs(figures.lifecycleGrams - (90 + upstream + 30 + upstream)) < 1e-9)
    }
}
