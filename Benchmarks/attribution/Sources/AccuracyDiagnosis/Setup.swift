import FrugalCore
import FrugalSimulation

/// The scenario's data as the accuracy benchmark hands it to attribution.
struct Setup {
    let result: SimulationResult
    let domains: [Domain]
    let samples: [EnergySample]
    /// In the simulator's request order.
    let records: [RequestRecord]
    let policy: AttributionPolicy

    init(_ result: SimulationResult, oracleTimes: Bool, oracleReplica: Bool = false) {
        self.result = result
        domains = result.domains.map(\.domain)
        var samples: [EnergySample] = []
        for (d, simulated) in result.domains.enumerated() {
            var counter = EnergyCounter(range: simulated.domain.counterRangeMicrojoules)
            _ = counter.update(result.counterReadings[d][0])
            for k in 1..<result.readingCount {
                if let energy = counter.update(result.counterReadings[d][k]).energy {
                    samples.append(
                        EnergySample(
                            domain: simulated.domain.id, end: result.sampleTime(k),
                            elapsed: result.sampleTime(k) - result.sampleTime(k - 1), energy: energy))
                }
            }
        }
        self.samples = samples
        records = result.requests.map { request in
            var record = result.expectedRecord(request, format: .litellm)
            if oracleTimes {
                record.start = request.prefillStart
                record.firstToken = request.prefillEnd
                record.end = request.decodeEnd
            }
            if oracleReplica { record.model += "@\(request.gpus[0])" }
            return record
        }
        var policies: [DomainID: DomainPolicy] = [:]
        let gpus = result.scenario.hardware.gpus
        let reserved = Set(gpus.compactMap(\.pinnedModel))
        for (index, simulated) in result.domains.enumerated() {
            var domainPolicy = DomainPolicy.defaults(for: simulated.domain.kind)
            domainPolicy.idlePower = Power(watts: simulated.idlePowerWatts)
            if simulated.domain.kind == .gpu {
                if oracleReplica {
                    let served = Set(result.requests.filter { $0.gpus.contains(index) }.map(\.model))
                    domainPolicy.models = Set(
                        served.map {
                            $0
                                + "@\(gpus.indices.first { g in result.requests.contains { $0.gpus.first == g && $0.gpus.contains(index) } } ?? index)"
                        })
                } else if let model = gpus[index].pinnedModel {
                    domainPolicy.models = [model]
                } else {
                    domainPolicy.excludedModels = reserved
                }
            }
            policies[simulated.domain.id] = domainPolicy
        }
        policy = AttributionPolicy(domains: policies)
    }
}
