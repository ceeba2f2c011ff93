import Foundation
import FrugalCore

extension SimulationScenario {
    /// Named scenarios for the accuracy benchmark and `frugal simulate`. Each
    /// runs one day (Monday 2 March 2026, 00:00 Paris = 23:00 UTC the day
    /// before) at 10 ms steps and 1 s samples:
    ///
    /// | name | GPUs (H100) | models | peak load |
    /// | --- | --- | --- | --- |
    /// | `light-pinned` | 2: one pinned to each model | 8B, 24B | 600 req/h |
    /// | `heavy-pinned` | 4: two pinned to each model | 8B, 24B | 9 000 req/h |
    /// | `light-shared` | 1, shared by both models | 8B, 24B | 600 req/h |
    /// | `heavy-shared` | 2, each shared by both models | 8B, 24B | 6 000 req/h |
    /// | `one-model` | 1 pinned | 8B | 1 520 req/h |
    /// | `many-models` | 4: one pinned each to 8B and 24B, two shared by Qwen3-8B-like and gemma-27B-like | 4 | 2 400 req/h |
    /// | `tp4-70b` | 4 pinned, one tensor-parallel group | 70B | 800 req/h |
    /// | `missing-first-token` | as `heavy-shared`, no first-token time in any log | 8B, 24B | 6 000 req/h |
    /// | `clock-offset` | as `heavy-pinned`, the gateway's clock 400 ms ahead of the sampler's | 8B, 24B | 9 000 req/h |
    ///
    /// Load is the sum of five tenants at their peak hour; nights run at 2–3 %
    /// of it and weekends under 10 %.
    public static var presets: [String: SimulationScenario] {
        [
            "light-pinned": pinned(name: "light-pinned", peakPerTenant: 150),
            "heavy-pinned": pinned(name: "heavy-pinned", peakPerTenant: 2_250, doubled: true),
            "light-shared": shared(name: "light-shared", gpus: 1, peakPerTenant: 150),
            "heavy-shared": shared(name: "heavy-shared", gpus: 2, peakPerTenant: 1_500),
            "one-model": oneModel(),
            "many-models": manyModels(),
            "tp4-70b": tensorParallel70B(),
            "missing-first-token": missingFirstToken(),
            "clock-offset": clockOffset(),
        ]
    }

    /// Monday 2 March 2026, 00:00 in Paris (UTC+1).
    public static let presetStart = Timestamp(secondsSinceEpoch: 1_772_406_000)

    static func h100(_ index: Int, pinned: String? = nil) -> SimulatedGPU {
        SimulatedGPU(uuid: String(format: "GPU-5e000000-0000-4000-8000-%012d", index), pinnedModel: pinned)
    }

    /// Four communes and one intercommunalité, with a mix of both models.
    static func communes(peak: Double, models: [String]) -> [SimulatedTenant] {
        let names = ["commune-rennes", "commune-brest", "metropole-nantes", "cc-pays-de-fougeres", "syndicat-megalis"]
        let scale = [1.0, 0.6, 1.4, 0.3, 0.7]
        return names.indices.map { index in
            let mix = models.enumerated().map { ModelShare(model: $1, weight: $0 == index % models.count ? 2 : 1) }
            return SimulatedTenant(
                name: names[index], userID: 101 + index, peakRequestsPerHour: peak * scale[index], modelMix: mix,
                streamingShare: [0.8, 0.5, 0.7, 0.2, 0.6][index])
        }
    }

    static func base(
        name: String, gpus: [SimulatedGPU], models: [SimulatedModel], tenants: [SimulatedTenant],
        logs: LogBehaviour = LogBehaviour()
    ) -> SimulationScenario {
        SimulationScenario(
            name: name, start: presetStart, durationSeconds: 86_400, seed: 20_260_302, host: "gpu-node-1",
            hardware: SimulatedHardware(gpus: gpus, cpuPackages: [SimulatedCPUPackage(), SimulatedCPUPackage()]),
            models: models, tenants: tenants, logs: logs)
    }

    static func pinned(name: String, peakPerTenant: Double, doubled: Bool = false) -> SimulationScenario {
        let (small, medium) = (SimulatedModel.llama8B, SimulatedModel.mistralSmall24B)
        let gpus =
            doubled
            ? [
                h100(0, pinned: small.name), h100(1, pinned: small.name), h100(2, pinned: medium.name),
                h100(3, pinned: medium.name),
            ]
            : [h100(0, pinned: small.name), h100(1, pinned: medium.name)]
        return base(
            name: name, gpus: gpus, models: [small, medium],
            tenants: communes(peak: peakPerTenant, models: [small.name, medium.name]))
    }

    static func shared(name: String, gpus count: Int, peakPerTenant: Double) -> SimulationScenario {
        let models = [SimulatedModel.llama8B, SimulatedModel.mistralSmall24B]
        return base(
            name: name, gpus: (0..<count).map { h100($0) }, models: models,
            tenants: communes(peak: peakPerTenant, models: models.map(\.name)))
    }

    static func oneModel() -> SimulationScenario {
        base(
            name: "one-model", gpus: [h100(0, pinned: SimulatedModel.llama8B.name)], models: [.llama8B],
            tenants: communes(peak: 380, models: [SimulatedModel.llama8B.name]))
    }

    /// Both placements on one host: each model on its own GPU, and two GPUs
    /// shared by a third and fourth model.
    static func manyModels() -> SimulationScenario {
        var qwen = SimulatedModel.llama8B
        qwen.name = "Qwen/Qwen3-8B"
        var gemma = SimulatedModel.mistralSmall24B
        gemma.name = "google/gemma-3-27b-it"
        gemma.parameterCountBillions = 27
        gemma.decodeJoulesPerToken = 7.78
        gemma.decodeTokensPerSecond = 42.7
        let models = [SimulatedModel.llama8B, .mistralSmall24B, qwen, gemma]
        let gpus = [h100(0, pinned: models[0].name), h100(1, pinned: models[1].name), h100(2), h100(3)]
        return base(
            name: "many-models", gpus: gpus, models: models, tenants: communes(peak: 600, models: models.map(\.name)))
    }

    static func tensorParallel70B() -> SimulationScenario {
        let model = SimulatedModel.llama70B
        return base(
            name: "tp4-70b", gpus: (0..<4).map { h100($0, pinned: model.name) }, models: [model],
            tenants: communes(peak: 200, models: [model.name]))
    }

    static func missingFirstToken() -> SimulationScenario {
        var scenario = shared(name: "missing-first-token", gpus: 2, peakPerTenant: 1_500)
        scenario.logs.missingFirstTokenShare = 1
        return scenario
    }

    static func clockOffset() -> SimulationScenario {
        var scenario = pinned(name: "clock-offset", peakPerTenant: 2_250, doubled: true)
        scenario.logs.clockOffsetMilliseconds = 400
        return scenario
    }
}
