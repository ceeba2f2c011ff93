import FrugalCore
import FrugalStore
import Testing

@testable import FrugalReport

@Suite struct ReportBuilderTests {
    static let october = ReportMonth(year: 2026, month: 10)
    static let carbon = StaticReportCarbon(
        zone: "FR", fallback: SourcedFactor(name: "repli", value: 60, unit: "gCO2e/kWh", source: "facteur de test"),
        lifecycleUpstream: SourcedFactor(name: "ACV", value: 100, unit: "gCO2e/kWh", source: "facteur ACV de test"))

    static func build(tenant: String? = nil, carbon: any ReportCarbon = carbon) async throws -> ReportFigures {
        let seeded = try SeededStore()
        let builder = ReportBuilder(
            store: seeded.store, carbon: carbon, equivalences: try EquivalenceTable.bundled(),
            options: .init(tenant: tenant, now: Timestamp(secondsSinceEpoch: 2_000_000_000)))
        return try await builder.build(month: october)
    }

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func headlineEqualsHandComputedFigures() async throws {
        let f = try await Self.build()
        // Measured, counted domains only, quarters A B C: 1.5 + 3.0 + 0.8 kWh.
        #expect(f.headline.energy.microjoules == SeededStore.centi(530))
        // Attributed: 1.2 + 2.4 + 0.6 + 0.6 kWh.
        #expect(f.headline.attributedEnergy.microjoules == SeededStore.centi(480))
        // A has no FR value: fallback 60 g; B 50 g; C 20 g.
        #expect(close(f.headline.co2eDirectGrams, 1.5 * 60 + 3.0 * 50 + 0.8 * 20))
        // Lifecycle: each quarter's direct intensity + the 100 g adder.
        let lifecycle: Double = 1.5 * (60.0 + 100.0) + 3.0 * (50.0 + 100.0) + 0.8 * (20.0 + 100.0)
        #expect(close(f.headline.co2eLifecycleGrams, lifecycle))
        #expect(f.headline.requests == 40)
        #expect(f.headline.promptTokens == 6_000)
        #expect(f.headline.completionTokens == 3_500)
        #expect(close(f.headline.energyChangeVsPrevious, 5.3 / 1.4 - 1))
        #expect(close(f.headline.requestsChangeVsPrevious, 40.0 / 8 - 1))
        #expect(f.sameMonthLastYear == nil)
        #expect(f.previousMonth?.energy.microjoules == SeededStore.centi(140))
        #expect(close(f.previousMonth?.co2eDirectGrams, 1.4 * 40))
    }

    @Test func perModelAndPerTenantTables() async throws {
        let f = try await Self.build()
        #expect(f.models.map(\.name) == ["modelA", "modelB"])
        let a = f.models[0]
        #expect(a.requests == 30)
        #expect(a.energy.microjoules == SeededStore.centi(360))
        #expect(close(a.co2eDirectGrams, 1.2 * 60 + 2.4 * 50))
        #expect(close(a.wattHoursPerRequest, 3_600.0 / 30))
        #expect(close(a.wattHoursPerThousandTokens, 3_600.0 / 7.5))
        #expect(close(a.energyShare, 3.6 / 4.8))
        let b = f.models[1]
        #expect(close(b.co2eDirectGrams, 0.6 * 50 + 0.6 * 20))
        #expect(f.tenants.map(\.name) == ["tenantY", "tenantX"])
        #expect(f.tenants[0].energy.microjoules == SeededStore.centi(300))
        #expect(f.tenants[1].requests == 15)
    }

    @Test func tenantFilterCountsThatTenantsFullCost() async throws {
        let f = try await Self.build(tenant: "tenantX")
        #expect(f.headline.energy.microjoules == SeededStore.centi(180))
        #expect(f.headline.requests == 15)
        #expect(close(f.headline.co2eDirectGrams, 1.2 * 60 + 0.6 * 50))
        #expect(f.tenants.map(\.name) == ["tenantX"])
        #expect(f.previousMonth?.requests == 8)
    }

    @Test func daysFollowParisTime() async throws {
        let f = try await Self.build()
        #expect(f.days.count == 31)
        #expect(f.days[0].energy.microjoules == SeededStore.centi(150))
        #expect(f.days[4].energy.microjoules == SeededStore.centi(300))
        #expect(f.days[30].energy.microjoules == SeededStore.centi(80))
        // The intensity each quarter was converted with: day 5 has one stored
        // quarter (50 g), its 95 others take the fallback (60 g); day 1 has none.
        #expect(close(f.days[4].meanIntensityGramsPerKilowattHour, (50 + 95 * 60) / 96))
        #expect(f.days[0].meanIntensityGramsPerKilowattHour == 60)
        #expect(f.days[0].weekday == 3)  // 1 October 2026 is a Thursday
        #expect(f.trend.count == 12)
        #expect(f.trend.last?.month == Self.october)
        #expect(f.trend.filter(\.hasData).map(\.month) == [Self.october.previous, Self.october])
    }

    @Test func coverageAndFallbackShare() async throws {
        let f = try await Self.build()
        let c = f.coverage
        #expect(c.wholeNode == false)
        #expect(c.measuredKinds == [Coverage.KindCount(kind: "gpu", count: 1)])
        #expect(close(c.idleShare, 1.0 / 5.3))
        #expect(close(c.unattributedShare, 0.3 / 5.3))
        #expect(close(c.fallbackIntensityShare, 1.5 / 5.3))
        #expect(close(c.coverageFraction, 2_700.0 / (745 * 3_600)))
        #expect(c.hosts.map(\.windows) == [3])
        #expect(
            Set(c.intensitySources.map(\.source)) == ["facteur de test", "eco2mix-realtime", "eco2mix-consolidated"])
    }

    @Test func withoutAnyFallbackTheKnownMeanIsUsedAndSaid() async throws {
        let f = try await Self.build(carbon: StaticReportCarbon(zone: "FR"))
        let mean = (50.0 + 20 + 40) / 3
        #expect(close(f.headline.co2eDirectGrams, 1.5 * mean + 3.0 * 50 + 0.8 * 20))
        #expect(f.coverage.intensitySources.contains { $0.source == IntensityTable.knownMeanSource })
        #expect(f.headline.co2eLifecycleGrams == nil)
    }

    /// Carbon inputs whose estimate is 0.05 Wh a request, for the requests stored without one.
    struct FixedEstimate: ReportCarbon {
        var zone: String { "FR" }
        var lifecycleUpstream: SourcedFactor? { nil }
        func fallbackIntensity(at quarterStart: Timestamp) -> SourcedFactor? { nil }
        func estimatedEnergy(model: String, promptTokens: Int64, completionTokens: Int64) -> Energy? {
            Energy(microjoules: 180_000_000)
        }
    }

    @Test func theEstimateStoredWithEachRequestIsWhatTheReportShows() async throws {
        let seeded = try SeededStore()
        // 20 of modelB's 25 requests were stored with Frugal's estimate (72 J = 0.02 Wh);
        // the 5 others, stored before schema 7, are estimated when read (0.05 Wh).
        let db = try SQLiteDatabase(path: seeded.path, mode: .readWrite)
        try db.execute("UPDATE requests SET estimated_uj = 72000000 WHERE model = 'modelB' AND request_key <= 45")
        db.close()
        let builder = ReportBuilder(
            store: seeded.store, carbon: FixedEstimate(), equivalences: try EquivalenceTable.bundled(),
            options: .init(now: Timestamp(secondsSinceEpoch: 2_000_000_000)))
        let f = try await builder.build(month: Self.october)
        let b = try #require(f.comparison.first { $0.model == "modelB" })
        #expect(close(b.ecoLogitsWattHoursPerRequest, (20 * 0.02 + 5 * 0.05) / 25))
        let a = try #require(f.comparison.first { $0.model == "modelA" })
        #expect(close(a.ecoLogitsWattHoursPerRequest, 0.05), "none stored: every request estimated when read")
    }

    @Test func measuredBesideGatewayEstimates() async throws {
        let f = try await Self.build()
        let a = try #require(f.comparison.first { $0.model == "modelA" })
        #expect(a.gatewayEstimatedShare == 1)
        #expect(close(a.gatewayWattHoursPerRequestMin, 0.1))
        #expect(close(a.gatewayWattHoursPerRequestMax, 0.3))
        #expect(close(a.gatewayCO2eGramsPerRequestMax, 0.03))
        #expect(a.gatewayMethods == "albert-ecologits")
        #expect(a.ecoLogitsWattHoursPerRequest == nil)
    }

    @Test func cheaperModelRecommendationComesFromSimilarRequests() async throws {
        let f = try await Self.build()
        let r = try #require(f.recommendations.first { $0.kind == .cheaperModel })
        // 25 requests × (100 J − 40 J), scaled by the month's requests (40 in
        // usage_quarter) over the requests read (50 in the requests table).
        #expect(r.savingEnergy == Energy(joules: 1_500 * 40 / 50))
        #expect(r.title.contains("modelB"))
        let weighted = f.headline.co2eDirectGrams / 5.3
        #expect(close(r.savingCO2eGrams, 1_200 / 3.6e6 * weighted))
    }

    @Test func noConsolidationIsRecommendedWhenEveryGPUWasBusy() async throws {
        let f = try await Self.build()
        // One GPU, active in all 3 of its windows: nothing to save, so no recommendation.
        #expect(!f.recommendations.contains { $0.kind == .consolidateGPUs })
    }

    @Test func emptyMonthGivesAnHonestEmptyReport() async throws {
        let seeded = try SeededStore()
        let builder = ReportBuilder(
            store: seeded.store, carbon: Self.carbon, equivalences: try EquivalenceTable.bundled(),
            options: .init(now: Timestamp(secondsSinceEpoch: 2_000_000_000)))
        let f = try await builder.build(month: ReportMonth(year: 2025, month: 3))
        #expect(f.hasData == false)
        #expect(f.models.isEmpty)
        #expect(f.coverage.coverageFraction == nil)
        #expect(f.days.count == 31)
        let html = try ReportTemplates.embedded().html(f)
        #expect(html.contains("Aucune donnée n'a été enregistrée pour ce mois"))
    }
}
