import FrugalCore

/// The simulated host's power domains, named as Frugal's probes name them,
/// and the work each request puts on each.
struct HostLayout {
    let scenario: SimulationScenario
    private(set) var domains: [SimulatedDomain] = []
    private(set) var physics: [DomainSweep.Physics] = []

    init(scenario: SimulationScenario) {
        self.scenario = scenario
        for gpu in scenario.hardware.gpus { addGPU(gpu) }
        for (index, package) in scenario.hardware.cpuPackages.enumerated() { addPackage(package, index: index) }
    }

    private mutating func addGPU(_ gpu: SimulatedGPU) {
        let domain = Domain(
            id: DomainID("nvml:\(gpu.uuid)"), kind: .gpu, name: gpu.name, source: "nvml", method: .energyCounter,
            location: gpu.uuid)
        append(
            domain, idle: gpu.idlePowerWatts, resolution: 1_000,
            physics: .init(
                idleWatts: gpu.idlePowerWatts, capWatts: gpu.maxPowerWatts - gpu.idlePowerWatts,
                noiseWatts: gpu.noiseWatts, noiseCorrelationSeconds: gpu.noiseCorrelationSeconds,
                prefill: gpu.prefillBatching, decode: gpu.decodeBatching, resolutionMicrojoules: 1_000,
                noiseStream: 0))
    }

    private mutating func addPackage(_ package: SimulatedCPUPackage, index: Int) {
        let zone = "intel-rapl:\(index)"
        let packageDomain = Domain(
            id: DomainID("rapl:\(zone)"), kind: .package, name: "package-\(index)", source: "rapl",
            method: .energyCounter, counterRangeMicrojoules: package.counterRangeMicrojoules,
            location: "class/powercap/\(zone)/energy_uj")
        // As the RAPL probe reports it: DRAM is a sub-zone of its package.
        let dramDomain = Domain(
            id: DomainID("rapl:\(zone):0"), kind: .dram, name: "dram", source: "rapl", method: .energyCounter,
            parent: packageDomain.id, counterRangeMicrojoules: package.counterRangeMicrojoules,
            location: "class/powercap/\(zone)/\(zone):0/energy_uj")
        for (domain, idle, noise) in [
            (packageDomain, package.idlePowerWatts, package.noiseWatts),
            (dramDomain, package.dramIdlePowerWatts, package.dramNoiseWatts),
        ] {
            append(
                domain, idle: idle, resolution: 1,
                physics: .init(
                    idleWatts: idle, capWatts: .infinity, noiseWatts: noise, noiseCorrelationSeconds: 0.05,
                    prefill: .linear, decode: .linear, resolutionMicrojoules: 1, noiseStream: 0))
        }
    }

    private mutating func append(_ domain: Domain, idle: Double, resolution: Int64, physics: DomainSweep.Physics) {
        var physics = physics
        physics.noiseStream = 0xD0_0000 + UInt64(domains.count)
        domains.append(SimulatedDomain(domain: domain, idlePowerWatts: idle, resolutionMicrojoules: resolution))
        self.physics.append(physics)
    }

    /// The work each request puts on each domain: on each of its GPUs a share
    /// of its model's prefill then decode work; on every CPU package and DRAM
    /// zone a fixed power from arrival to end.
    func work(for requests: [SimulatedRequest]) -> [[DomainSweep.Work]] {
        var work = [[DomainSweep.Work]](repeating: [], count: domains.count)
        let origin = scenario.start.nanosecondsSinceEpoch
        let gpuCount = scenario.hardware.gpus.count
        for request in requests {
            let model = scenario.models[request.modelIndex]
            let split = Double(request.gpus.count)
            let id = Int32(request.index)
            let times = [request.prefillStart, request.prefillEnd, request.decodeEnd].map {
                $0.nanosecondsSinceEpoch - origin
            }
            for gpu in request.gpus {
                if times[1] > times[0] {
                    work[gpu].append(
                        .init(
                            start: times[0], end: times[1], request: id, workWatts: model.prefillWorkWatts / split,
                            decode: false))
                }
                if times[2] > times[1] {
                    work[gpu].append(
                        .init(
                            start: times[1], end: times[2], request: id, workWatts: model.decodeWorkWatts / split,
                            decode: true))
                }
            }
            let (arrival, end) = (
                request.arrival.nanosecondsSinceEpoch - origin, request.end.nanosecondsSinceEpoch - origin
            )
            for (index, package) in scenario.hardware.cpuPackages.enumerated() where end > arrival {
                let base = gpuCount + 2 * index
                work[base].append(
                    .init(start: arrival, end: end, request: id, workWatts: package.perRequestPowerWatts, decode: false)
                )
                work[base + 1].append(
                    .init(
                        start: arrival, end: end, request: id, workWatts: package.dramPerRequestPowerWatts,
                        decode: false))
            }
        }
        return work
    }

    /// A plausible first reading: an NVML counter since the driver loaded
    /// (whole millijoules), a RAPL counter anywhere in its range.
    func initialReading(_ domain: SimulatedDomain, using random: inout SplitMix64) -> UInt64 {
        if let range = domain.domain.counterRangeMicrojoules { return random.next() % range }
        return (1_000_000 + random.next() % 1_000_000_000) * 1_000
    }
}
