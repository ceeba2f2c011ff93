import FrugalCore
import FrugalSimulation
import Testing

@testable import FrugalRuntime

/// Attribution against the simulator's truth, the way `frugal simulate
/// --evaluate` and Benchmarks/accuracy score it, on a shortened scenario:
/// the goals must hold, and Frugal must stay ahead of both baselines.
@Suite struct AccuracyEvaluationTests {
    func report(_ name: String, seconds: Int) throws -> [String: AccuracyEvaluation.Score] {
        var scenario = try #require(SimulationScenario.presets[name])
        scenario.durationSeconds = seconds
        scenario.start = scenario.start + .seconds(9 * 3_600)  // Monday 09:00, as the benchmark
        let report = try AccuracyEvaluation.run(try Simulation.run(scenario))
        return Dictionary(uniqueKeysWithValues: report.scores.map { ($0.method, $0) })
    }

    /// Two replicas per model: with the gateway's backends mapped to their
    /// GPUs, each request is charged to the replica that ran it.
    @Test func replicasWithMappedBackendsMeetThePinnedGoals() throws {
        let scores = try report("heavy-pinned", seconds: 900)
        let frugal = try #require(scores["frugal"])
        let unmapped = try #require(scores["frugal, backends not mapped"])
        let overlap = try #require(scores["time-overlap split"])
        let estimate = try #require(scores["ecologits-style estimate"])
        #expect(frugal.requestMedianError <= 0.05, "median \(frugal.requestMedianError)")
        #expect(frugal.requestP95Error <= 0.15, "p95 \(frugal.requestP95Error)")
        #expect(frugal.modelMaxError <= 0.02, "worst model \(frugal.modelMaxError)")
        #expect(frugal.requestP95Error < unmapped.requestP95Error)
        for baseline in [overlap, estimate] {
            #expect(frugal.requestMedianError < baseline.requestMedianError, "\(baseline.method)")
            #expect(frugal.requestP95Error < baseline.requestP95Error, "\(baseline.method)")
        }
    }

    /// Several models on shared GPUs: the learned coefficients carry the split.
    @Test func sharedGPUsMeetTheSharedGoals() throws {
        let scores = try report("many-models", seconds: 1_200)
        let frugal = try #require(scores["frugal"])
        let overlap = try #require(scores["time-overlap split"])
        #expect(frugal.requestMedianError <= 0.10, "median \(frugal.requestMedianError)")
        #expect(frugal.requestP95Error <= 0.25, "p95 \(frugal.requestP95Error)")
        #expect(frugal.modelMaxError <= 0.05, "worst model \(frugal.modelMaxError)")
        #expect(frugal.modelMaxError < overlap.modelMaxError)
    }
}
