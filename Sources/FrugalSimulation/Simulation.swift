import FrugalCore
import Foundation

/// Runs a scenario: draws the traffic, places it on the GPUs, sweeps every
/// power domain, and balances the books.
///
/// ```swift
/// let result = try Simulation.run(SimulationScenario.presets["light-pinned"]!)
/// try result.writeCounters(toFile: "counters.csv")
/// try result.writeLog(format: .litellm, toFile: "litellm.jsonl")
/// try result.writeTruth(toFile: "truth.jsonl")
/// ```
public enum Simulation {
    public static func run(_ scenario: SimulationScenario) throws(ScenarioError) -> SimulationResult {
        try scenario.validate()
        let drafts = ArrivalGenerator(scenario: scenario).drafts()
        var plan = ServingPlan(scenario: scenario)
        let requests = plan.schedule(drafts)
        let host = HostLayout(scenario: scenario)
        let work = host.work(for: requests)
        let sweeps = sweepAll(host: host, work: work, scenario: scenario, requestCount: requests.count)
        return assemble(scenario: scenario, host: host, requests: requests, sweeps: sweeps)
    }

    /// Domains are independent: each sweeps on its own core, with its own
    /// noise stream, so the result does not depend on the order.
    private static func sweepAll(
        host: HostLayout, work: [[DomainSweep.Work]], scenario: SimulationScenario, requestCount: Int
    ) -> [DomainSweep.Output] {
        let stepNs = Int64(scenario.stepMilliseconds) * 1_000_000
        let steps = Int(Int64(scenario.durationSeconds) * 1_000_000_000 / stepNs)
        let perSample = scenario.sampleIntervalMilliseconds / scenario.stepMilliseconds
        let outputs = OutputSlots(count: host.physics.count)
        DispatchQueue.concurrentPerform(iterations: host.physics.count) { index in
            let sweep = DomainSweep(
                physics: host.physics[index], stepNanoseconds: stepNs, stepCount: steps, stepsPerSample: perSample,
                seed: scenario.seed)
            outputs.set(index, sweep.run(work[index], requestCount: requestCount))
        }
        return outputs.values
    }

    private static func assemble(
        scenario: SimulationScenario, host: HostLayout, requests: [SimulatedRequest], sweeps: [DomainSweep.Output]
    ) -> SimulationResult {
        var random = SplitMix64(seed: scenario.seed, stream: 0xC0_0000)
        var readings: [[UInt64]] = []
        var domainTruths: [DomainTruth] = []
        var shares = [[DomainShare]](repeating: [], count: requests.count)
        let windowSeconds = Double(scenario.durationSeconds)
        for (index, domain) in host.domains.enumerated() {
            let sweep = sweeps[index]
            let initial = host.initialReading(domain, using: &random)
            readings.append(
                sweep.cumulativeMicrojoules.map { value in
                    let raw = initial + UInt64(value)
                    return domain.domain.counterRangeMicrojoules.map { raw % $0 } ?? raw
                })
            let total = sweep.cumulativeMicrojoules.last!
            let served = sweep.requestMicrojoules.indices.filter { sweep.requestMicrojoules[$0] > 0 }
            let parts = Apportion.largestRemainder(
                total: total, weights: [sweep.idleMicrojoules] + served.map { sweep.requestMicrojoules[$0] })
            for (position, request) in served.enumerated() where parts[position + 1] > 0 {
                shares[request].append(DomainShare(domain: index, microjoules: parts[position + 1]))
            }
            let range = domain.domain.counterRangeMicrojoules
            domainTruths.append(
                DomainTruth(
                    totalMicrojoules: total, idleMicrojoules: parts[0], requestsMicrojoules: total - parts[0],
                    idleBaselineMicrojoules: Int64((domain.idlePowerWatts * windowSeconds * 1e6).rounded()),
                    wraps: range.map { Int((initial + UInt64(total)) / $0) } ?? 0))
        }
        return SimulationResult(
            scenario: scenario, domains: host.domains, requests: requests, counterReadings: readings,
            truth: GroundTruth(requests: shares, domains: domainTruths))
    }
}

/// Results written by concurrent sweeps, one slot each.
private final class OutputSlots: @unchecked Sendable {
    private var slots: [DomainSweep.Output?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ output: DomainSweep.Output) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = output
    }

    var values: [DomainSweep.Output] { slots.map { $0! } }
}
