/// A scenario that cannot be simulated, with every problem found.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    public var problems: [String]

    public var description: String { "invalid simulation scenario: " + problems.joined(separator: "; ") }
}

extension SimulationScenario {
    /// Checks the scenario whole and reports every problem at once.
    public func validate() throws(ScenarioError) {
        var problems: [String] = []
        if durationSeconds <= 0 { problems.append("durationSeconds must be positive") }
        if stepMilliseconds <= 0 { problems.append("stepMilliseconds must be positive") }
        if sampleIntervalMilliseconds <= 0 || stepMilliseconds <= 0
            || sampleIntervalMilliseconds % stepMilliseconds != 0
        {
            problems.append("sampleIntervalMilliseconds must be a positive multiple of stepMilliseconds")
        } else if (Int64(durationSeconds) * 1_000) % Int64(sampleIntervalMilliseconds) != 0 {
            // Energy after the last reading would be in the truth but in no counter delta.
            problems.append("durationSeconds must be a whole number of sample intervals")
        }
        if hardware.gpus.isEmpty { problems.append("the host needs at least one GPU") }
        if Set(models.map(\.name)).count != models.count { problems.append("model names must be unique") }
        if Set(tenants.map(\.name)).count != tenants.count { problems.append("tenant names must be unique") }
        for gpu in hardware.gpus {
            if let pinned = gpu.pinnedModel, model(named: pinned) == nil {
                problems.append("GPU \(gpu.uuid) is pinned to \(pinned), which the scenario does not serve")
            }
            if gpu.maxPowerWatts <= gpu.idlePowerWatts { problems.append("GPU \(gpu.uuid): max power ≤ idle power") }
            if gpu.maxConcurrentRequests < 1 { problems.append("GPU \(gpu.uuid): maxConcurrentRequests < 1") }
        }
        for model in models { problems += placementProblems(model) }
        for tenant in tenants {
            if tenant.modelMix.isEmpty || tenant.modelMix.contains(where: { $0.weight < 0 })
                || tenant.modelMix.reduce(0, { $0 + $1.weight }) <= 0
            {
                problems.append("tenant \(tenant.name) needs a model mix with positive weights")
            }
            for share in tenant.modelMix where model(named: share.model) == nil {
                problems.append("tenant \(tenant.name) calls \(share.model), which the scenario does not serve")
            }
        }
        if !problems.isEmpty { throw ScenarioError(problems: problems) }
    }

    private func placementProblems(_ model: SimulatedModel) -> [String] {
        var problems: [String] = []
        if model.prefillTokensPerSecond <= 0 || model.decodeTokensPerSecond <= 0 {
            problems.append("model \(model.name): speeds must be positive")
        }
        if model.prefillJoulesPerToken < 0 || model.decodeJoulesPerToken < 0 {
            problems.append("model \(model.name): energies must not be negative")
        }
        let pinned = hardware.gpus.filter { $0.pinnedModel == model.name }.count
        let shared = hardware.gpus.filter { $0.pinnedModel == nil }.count
        if model.tensorParallel < 1 {
            problems.append("model \(model.name): tensorParallel must be at least 1")
        } else if pinned > 0 && pinned % model.tensorParallel != 0 {
            problems.append(
                "model \(model.name): \(pinned) pinned GPUs do not divide into groups of \(model.tensorParallel)")
        } else if pinned == 0 && model.tensorParallel > 1 {
            problems.append("model \(model.name): a tensor-parallel model must be pinned to its GPUs")
        } else if pinned == 0 && shared == 0 {
            problems.append("model \(model.name): no GPU is pinned to it and none is shared")
        }
        return problems
    }
}
