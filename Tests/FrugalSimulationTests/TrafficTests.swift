import FrugalCore
import FrugalSimulation
import Testing

@Suite("Traffic: office hours in Paris, log-normal lengths")
struct TrafficTests {
    /// A week of light traffic, counted per Paris hour (arrivals only: the
    /// energy sweep at 1 s steps keeps it fast).
    static let week: SimulationResult = {
        var scenario = SimulationScenario.presets["light-shared"]!
        scenario.durationSeconds = 7 * 86_400
        scenario.stepMilliseconds = 1_000
        scenario.sampleIntervalMilliseconds = 60_000
        return try! Simulation.run(scenario)
    }()

    @Test func weekdayOfficeHoursAreBusyNightsAndWeekendsQuiet() {
        var weekdayOffice = 0
        var weekdayNight = 0
        var weekend = 0
        for request in Self.week.requests {
            // The preset starts at Monday 00:00 Paris (UTC+1 in March).
            let local = (request.arrival - SimulationScenario.presetStart).nanoseconds / 1_000_000_000
            let day = local / 86_400
            let hour = local % 86_400 / 3_600
            if day >= 5 {
                weekend += 1
            } else if (9..<18).contains(hour) {
                weekdayOffice += 1
            } else if hour < 6 {
                weekdayNight += 1
            }
        }
        // Per hour: office hours (45 h) against nights (30 h) and weekends (48 h).
        let office = Double(weekdayOffice) / 45
        #expect(office > 15 * Double(weekdayNight) / 30)
        #expect(office > 8 * Double(weekend) / 48)
    }

    @Test func lengthsFollowTheirMedians() {
        let prompts = Self.week.requests.map(\.promptTokens).sorted()
        let completions = Self.week.requests.filter { $0.status == 200 }.map(\.completionTokens).sorted()
        let promptMedian = Double(prompts[prompts.count / 2])
        let completionMedian = Double(completions[completions.count / 2])
        #expect(abs(promptMedian / 600 - 1) < 0.1)
        #expect(abs(completionMedian / 300 - 1) < 0.1)
        #expect(prompts.first! >= 1 && prompts.last! <= 16_000)
    }

    @Test func streamingShareAndFailuresAreAsConfigured() {
        let requests = Self.week.requests
        let streamed = Double(requests.filter(\.streaming).count) / Double(requests.count)
        #expect(streamed > 0.5 && streamed < 0.75)
        let failed = requests.filter { $0.status == 500 }
        #expect(!failed.isEmpty && failed.allSatisfy { $0.completionTokens == 0 && $0.loggedFirstToken == nil })
    }

    @Test func parisSummerTimeStartsOnTheLastSundayOfMarch() throws {
        // 2026-03-29 is the last Sunday of March: 00:59 UTC is 01:59 CET, 01:00 UTC is 03:00 CEST.
        var scenario = TestScenarios.mixed(minutes: 1)
        scenario.tenants = [scenario.tenants[0]]
        var profile = DiurnalProfile.flat
        profile.weekendWeights = (0..<24).map { $0 == 3 ? 1 : 0 }
        scenario.tenants[0].profile = profile
        scenario.tenants[0].peakRequestsPerHour = 3_600
        scenario.start = Timestamp(secondsSinceEpoch: 1_774_746_000)  // 2026-03-29T01:00:00Z
        scenario.durationSeconds = 7_200
        scenario.stepMilliseconds = 1_000
        let result = try Simulation.run(scenario)
        // Only 03:00–04:00 CEST (01:00–02:00 UTC) has traffic.
        let offsets = result.requests.map { ($0.arrival - scenario.start).nanoseconds / 1_000_000_000 }
        #expect(!offsets.isEmpty && offsets.allSatisfy { $0 < 3_600 })
    }
}
