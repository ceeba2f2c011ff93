import Foundation
import FrugalSimulation
import Testing

/// Run time of whole presets; enabled with FRUGAL_SIM_TIMING=1 (use a release build).
@Suite("Timing", .enabled(if: ProcessInfo.processInfo.environment["FRUGAL_SIM_TIMING"] == "1"))
struct TimingTests {
    @Test(arguments: ["heavy-pinned", "heavy-shared", "many-models", "light-pinned"])
    func aDayOfAPreset(name: String) throws {
        let scenario = try #require(SimulationScenario.presets[name])
        let clock = ContinuousClock()
        var result: SimulationResult?
        let run = try clock.measure { result = try Simulation.run(scenario) }
        let written = clock.measure {
            var sink = CountingStream()
            result!.writeCounters(to: &sink)
            for format in FrugalSimulation.LogFormat.allCases { result!.writeLog(format: format, to: &sink) }
            result!.writeTruth(to: &sink)
        }
        print(
            "timing \(name): \(result!.requests.count) requests, \(result!.domains.count) domains, run \(run), write all \(written)"
        )
    }

    @Test func aMonthAtOneSecondSteps() throws {
        var scenario = try #require(SimulationScenario.presets["heavy-pinned"])
        scenario.durationSeconds = 30 * 86_400
        scenario.stepMilliseconds = 1_000
        let clock = ContinuousClock()
        var result: SimulationResult?
        let run = try clock.measure { result = try Simulation.run(scenario) }
        print("timing month: \(result!.requests.count) requests, run \(run)")
    }
}

struct CountingStream: TextOutputStream {
    var bytes = 0
    mutating func write(_ string: String) { bytes += string.utf8.count }
}
