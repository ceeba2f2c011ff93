import FrugalCore
import FrugalSimulation

extension FrugalConfig {
    /// What the operator of a simulated host writes in its configuration:
    /// the GPUs pinned to models (`[attribution.pin]`) and, when
    /// `mapsBackends`, the accelerators behind each backend the gateway logs
    /// (`[attribution.upstream]`), both of which an operator knows from the
    /// serving stack's own configuration.
    public mutating func describeAccelerators(of simulation: SimulationResult, mapsBackends: Bool = true) {
        let gpus = simulation.scenario.hardware.gpus
        for gpu in gpus {
            if let model = gpu.pinnedModel { pinnedModels["nvml:\(gpu.uuid)"] = [model] }
        }
        guard mapsBackends else { return }
        for (upstream, indices) in simulation.upstreamGPUs {
            guard let key = Upstream.key(upstream) else { continue }
            upstreamDomains[key, default: []].formUnion(indices.map { "nvml:\(gpus[$0].uuid)" })
        }
    }
}
