import Foundation
import FrugalSimulation
import Testing

@Suite("Building blocks")
struct BuildingBlockTests {
    @Test func batchingNeverLowersPowerAsTheBatchGrows() {
        for curve in [BatchingCurve.decodeMLEnergy, .mild, .linear] {
            #expect(curve.efficiency(batch: 1) == 1)
            var previous = 0.0
            for batch in 1...512 {
                let power = Double(batch) * curve.efficiency(batch: batch)
                #expect(power >= previous)
                previous = power
            }
        }
        // The ML.ENERGY fit: 8 decoding requests draw 8^0.13 ≈ 1.31 × one.
        #expect(abs(8 * BatchingCurve.decodeMLEnergy.efficiency(batch: 8) - 1.31) < 0.01)
    }

    @Test func modelDefaultsMatchTheirSources() {
        // Llama-3.1-8B: ~312 W of work at 137 tok/s alone.
        #expect(abs(SimulatedModel.llama8B.decodeWorkWatts - 312) < 3)
        // Prefill near 500 W per GPU for every default model.
        for model in [SimulatedModel.llama8B, .mistralSmall24B, .llama70B] {
            #expect(abs(model.prefillWorkWatts / Double(model.tensorParallel) - 500) < 30)
        }
    }

    @Test func scenariosRoundTripThroughJSON() throws {
        let scenario = try #require(SimulationScenario.presets["many-models"])
        let data = try JSONEncoder().encode(scenario)
        #expect(try JSONDecoder().decode(SimulationScenario.self, from: data) == scenario)
    }
}
