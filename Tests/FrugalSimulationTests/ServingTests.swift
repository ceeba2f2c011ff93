import FrugalCore
import FrugalSimulation
import Testing

@Suite("Serving: pinned GPUs serve only their model; shared GPUs the rest")
struct ServingTests {
    @Test func aPinnedGPUServesOnlyItsModelAndTheOthersAvoidIt() throws {
        let result = try Simulation.run(TestScenarios.mixed(minutes: 5))
        let pinned = result.scenario.hardware.gpus[0].pinnedModel
        var modelsOn: [Int: Set<String>] = [:]
        for request in result.requests {
            for gpu in request.gpus { modelsOn[gpu, default: []].insert(request.model) }
        }
        #expect(modelsOn[0] == [pinned!])
        #expect(modelsOn[1] == ["mistralai/Mistral-Small-3.1-24B-Instruct-2503", "Qwen/Qwen3-8B"])
        // Truth agrees: no request of another model has energy on the pinned GPU.
        for request in result.requests where request.model != pinned {
            #expect(!result.truth.requests[request.index].contains { $0.domain == 0 })
        }
    }

    @Test func aTensorParallelModelSpreadsEachRequestOverItsGroup() throws {
        var scenario = try #require(SimulationScenario.presets["tp4-70b"])
        scenario.durationSeconds = 600
        scenario.start = SimulationScenario.presetStart + .seconds(10 * 3_600)
        let result = try Simulation.run(scenario)
        #expect(!result.requests.isEmpty)
        for request in result.requests {
            #expect(request.gpus == [0, 1, 2, 3])
            let gpu = result.truth.requests[request.index].filter { $0.domain < 4 }.map(\.microjoules)
            // Equal work on each GPU of the group; noise makes them differ a little.
            let mean = Double(gpu.reduce(0, +)) / 4
            #expect(gpu.allSatisfy { abs(Double($0) - mean) < 0.1 * mean + 2_000_000 })
        }
    }

    @Test func aFullGPUMakesRequestsWait() throws {
        var scenario = TestScenarios.mixed(minutes: 5)
        for index in scenario.hardware.gpus.indices { scenario.hardware.gpus[index].maxConcurrentRequests = 1 }
        let result = try Simulation.run(scenario)
        let waited = result.requests.filter { $0.prefillStart - $0.arrival > .milliseconds(100) }
        #expect(!waited.isEmpty)
        for gpu in 0..<2 {
            let onIt = result.requests.filter { $0.gpus.contains(gpu) }.sorted { $0.prefillStart < $1.prefillStart }
            for (a, b) in zip(onIt, onIt.dropFirst()) { #expect(b.prefillStart >= a.decodeEnd) }
        }
    }

    @Test func anImpossiblePlacementIsReportedWhole() {
        var scenario = TestScenarios.mixed()
        scenario.hardware.gpus[1].pinnedModel = "nobody/serves-this"
        scenario.tenants[0].modelMix.append(ModelShare(model: "absent/model", weight: 1))
        #expect(throws: ScenarioError.self) { try Simulation.run(scenario) }
        do {
            try scenario.validate()
        } catch {
            #expect(error.problems.count >= 3, "\(error.problems)")
        }
    }

    @Test func everyPresetIsValid() throws {
        #expect(SimulationScenario.presets.count >= 8)
        for (name, scenario) in SimulationScenario.presets {
            #expect(scenario.name == name)
            #expect(throws: Never.self) { try scenario.validate() }
        }
    }
}
