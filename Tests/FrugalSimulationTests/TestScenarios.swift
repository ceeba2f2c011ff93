import FrugalCore
import FrugalSimulation

/// Small scenarios that run in well under a second in debug builds.
enum TestScenarios {
    /// 10 minutes of a busy Monday morning on a host with one GPU pinned to
    /// the 8B model and one shared by the 24B and a second small model.
    static func mixed(seed: UInt64 = 7, minutes: Int = 10) -> SimulationScenario {
        let small = SimulatedModel.llama8B
        var other = SimulatedModel.llama8B
        other.name = "Qwen/Qwen3-8B"
        let medium = SimulatedModel.mistralSmall24B
        let gpus = [
            SimulatedGPU(uuid: "GPU-0", pinnedModel: small.name),
            SimulatedGPU(uuid: "GPU-1"),
        ]
        let tenants = [
            SimulatedTenant(
                name: "commune-a", userID: 1, peakRequestsPerHour: 1_500,
                modelMix: [ModelShare(model: small.name, weight: 1), ModelShare(model: medium.name, weight: 1)],
                profile: .flat),
            SimulatedTenant(
                name: "commune-b", userID: 2, peakRequestsPerHour: 900,
                modelMix: [ModelShare(model: other.name, weight: 1), ModelShare(model: small.name, weight: 1)],
                streamingShare: 0.3, profile: .flat),
        ]
        return SimulationScenario(
            name: "test-mixed", start: SimulationScenario.presetStart + .seconds(9 * 3_600),
            durationSeconds: minutes * 60,
            seed: seed,
            hardware: SimulatedHardware(gpus: gpus, cpuPackages: [SimulatedCPUPackage(), SimulatedCPUPackage()]),
            models: [small, medium, other], tenants: tenants,
            logs: LogBehaviour(missingFirstTokenShare: 0.2, failureShare: 0.02))
    }

    /// A RAPL range small enough to wrap several times in ten minutes.
    static func wrapping(seed: UInt64 = 11) -> SimulationScenario {
        var scenario = mixed(seed: seed)
        for index in scenario.hardware.cpuPackages.indices {
            scenario.hardware.cpuPackages[index].counterRangeMicrojoules = 10_000_000_000
        }
        return scenario
    }

    static func text(_ write: (inout String) -> Void) -> String {
        var text = ""
        write(&text)
        return text
    }
}
