import Foundation
import FrugalCore

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
        let books = sweepAll(host: host, work: work, scenario: scenario, requestCount: requests.count)
        return assemble(scenario: scenario, host: host, requests: requests, books: books)
    }

    /// A domain's sweep and its books: `parts[0]` is idle, `parts[1 + r]`
    /// request r's energy, summing exactly to the counter's advance.
    struct Books {
        var sweep: DomainSweep.Output
        var parts: [Int64]
    }

    /// Domains are independent: each sweeps on its own core, with its own
    /// noise stream, so the result does not depend on the order.
    private static func sweepAll(
        host: HostLayout, work: [[DomainSweep.Work]], scenario: SimulationScenario, requestCount: Int
    ) -> [Books] {
        let stepNs = Int64(scenario.stepMilliseconds) * 1_000_000
        let steps = Int(Int64(scenario.durationSeconds) * 1_000_000_000 / stepNs)
        let perSample = scenario.sampleIntervalMilliseconds / scenario.stepMilliseconds
        let outputs = OutputSlots(count: host.physics.count)
        DispatchQueue.concurrentPerform(iterations: host.physics.count) { index in
            let sweep = DomainSweep(
                physics: host.physics[index], stepNanoseconds: stepNs, stepCount: steps, stepsPerSample: perSample,
                seed: scenario.seed
            ).run(work[index], requestCount: requestCount)
            let parts = Apportion.largestRemainder(
                total: sweep.cumulativeMicrojoules.last!, weights: [sweep.idleMicrojoules] + sweep.requestMicrojoules)
            outputs.set(index, Books(sweep: sweep, parts: parts))
        }
        return outputs.values
    }

    private static func assemble(
        scenario: SimulationScenario, host: HostLayout, requests: [SimulatedRequest], books: [Books]
    ) -> SimulationResult {
        var random = SplitMix64(seed: scenario.seed, stream: 0xC0_0000)
        var readings: [[UInt64]] = []
        var domainTruths: [DomainTruth] = []
        let windowSeconds = Double(scenario.durationSeconds)
        for (index, domain) in host.domains.enumerated() {
            let cumulative = books[index].sweep.cumulativeMicrojoules
            let initial = host.initialReading(domain, using: &random)
            let range = domain.domain.counterRangeMicrojoules
            readings.append(
                cumulative.map { value in
                    let raw = initial + UInt64(value)
                    return range.map { raw % $0 } ?? raw
                })
            let total = cumulative.last!
            let idle = books[index].parts[0]
            domainTruths.append(
                DomainTruth(
                    totalMicrojoules: total, idleMicrojoules: idle, requestsMicrojoules: total - idle,
                    idleBaselineMicrojoules: Int64((domain.idlePowerWatts * windowSeconds * 1e6).rounded()),
                    wraps: range.map { Int((initial + UInt64(total)) / $0) } ?? 0))
        }
        var offsets = [0]
        offsets.reserveCapacity(requests.count + 1)
        var storage: [DomainShare] = []
        storage.reserveCapacity(requests.count * (2 + 2 * scenario.hardware.cpuPackages.count))
        for request in requests.indices {
            for domain in books.indices where books[domain].parts[request + 1] > 0 {
                storage.append(DomainShare(domain: domain, microjoules: books[domain].parts[request + 1]))
            }
            offsets.append(storage.count)
        }
        return SimulationResult(
            scenario: scenario, domains: host.domains, requests: requests, counterReadings: readings,
            truth: GroundTruth(requests: RequestShares(offsets: offsets, storage: storage), domains: domainTruths))
    }
}

/// Results written by concurrent sweeps, one slot each.
private final class OutputSlots: @unchecked Sendable {
    private var slots: [Simulation.Books?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ output: Simulation.Books) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = output
    }

    var values: [Simulation.Books] { slots.map { $0! } }
}
