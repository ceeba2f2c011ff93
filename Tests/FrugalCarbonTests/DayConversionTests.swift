import FrugalCarbon
import FrugalCore
import FrugalStore
import Testing

/// One day of a host's energy (2025-08-22, the recorded API day) converted
/// with the live eCO2mix values (API format, as the fetcher stores them)
/// and with each fallback, for the closing note. The host draws 300 W, plus
/// 400 W of inference from 08:00 to 20:00 Paris time: 12.0 kWh in the day.
@Suite struct DayConversionTests {
    static let dayStartSeconds: Int64 = 1_755_820_800  // 2025-08-22T00:00Z

    static func energyMicrojoules(quarter: Int64) -> Int64 {
        let local = EuropeParis.local(utcSeconds: quarter * 900).secondOfDay
        let watts: Int64 = (8 * 3_600..<20 * 3_600).contains(local) ? 700 : 300
        return watts * 900 * 1_000_000
    }

    func convert(_ resolve: (Int64) -> ResolvedIntensity) -> CarbonTally {
        var tally = CarbonTally()
        for i in Int64(0)..<96 {
            let quarter = Self.dayStartSeconds / 900 + i
            tally.add(energyMicrojoules: Self.energyMicrojoules(quarter: quarter), intensity: resolve(quarter))
        }
        return tally
    }

    @Test func aDayWithLiveValuesAndWithEachFallback() throws {
        let live = ODREJSONParser.parse(
            try FixtureFiles.bytes("eco2mix/odre_eco2mix-national-tr_api_records_2025-08_ellebihan.json"))
        let byQuarter = Dictionary(
            uniqueKeysWithValues: live.points.map {
                ($0.quarterStartNanoseconds / 900_000_000_000, $0.gramsPerKilowattHour)
            })
        // Without the day in the history: what a host would get with the feed down.
        let withoutDay = BundledGridHistory(
            runsCSV: "h\n"
                + BundledGridHistory.france.runs.filter { $0.firstQuarter != Self.dayStartSeconds / 900 }
                .map { run in
                    TimeArgument.utcText(seconds: run.firstQuarter * 900) + ","
                        + run.gramsPerKilowattHour.map { String(Int($0)) }.joined(separator: " ")
                }.joined(separator: "\n"))
        let fallback = IntensityFallback(history: withoutDay, staticGramsPerKilowattHour: 40)
        let liveTally = convert { ResolvedIntensity(gramsPerKilowattHour: byQuarter[$0]!, source: .live) }
        let profileTally = convert { fallback.resolve(quarter: $0) }
        let staticTally = convert { _ in ResolvedIntensity(gramsPerKilowattHour: 40, source: .static) }
        let lifecycle = LifecycleIntensity.france.grams(
            directGrams: liveTally.totalGrams, energy: liveTally.totalEnergy)
        print(
            "day 2025-08-22, \(liveTally.totalEnergy.kilowattHours) kWh: live \(liveTally.totalGrams) g,"
                + " profile \(profileTally.totalGrams) g (\(profileTally.shares.map(\.source.rawValue))),"
                + " static \(staticTally.totalGrams) g, lifecycle \(lifecycle) g")
        #expect(liveTally.totalEnergy.microjoules == 43_200_000_000_000)
        #expect(liveTally.shares.map(\.source) == [.live])
        #expect(profileTally.shares.map(\.source) == [.historicalProfile])
        #expect(abs(staticTally.totalGrams - 480) < 1e-6)
        #expect(liveTally.totalGrams > 0 && profileTally.totalGrams > 0)
    }
}
