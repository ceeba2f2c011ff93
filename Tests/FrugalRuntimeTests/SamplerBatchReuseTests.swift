import FrugalCore
import FrugalProbes
import FrugalRuntime
import Testing

/// The daemon keeps one `SampleBatch` and ticks into it: nothing of a tick
/// may leak into the next, and the result is what fresh batches hold.
@Suite("Sampler: ticking into a reused batch")
struct SamplerBatchReuseTests {
    let pkg: DomainID = "rapl:intel-rapl:0"
    let gpu: DomainID = "nvml:GPU-1"

    /// Counter steps, a failed read, a reset, a domain that vanishes from discovery and comes back.
    func script() -> [(domains: [DomainID], readings: [DomainID: Result<Reading, ProbeFailure>])] {
        let failed = Result<Reading, ProbeFailure>.failure(ProbeFailure(.transient, "garbage"))
        return [
            ([pkg, gpu], [pkg: .success(.energyCounter(1_000)), gpu: .success(.power(Power(milliwatts: 80_000)))]),
            ([pkg, gpu], [pkg: .success(.energyCounter(2_000)), gpu: .success(.power(Power(milliwatts: 90_000)))]),
            ([pkg, gpu], [pkg: failed, gpu: .success(.power(Power(milliwatts: 90_000)))]),
            ([pkg, gpu], [pkg: .success(.energyCounter(500)), gpu: .success(.power(Power(milliwatts: 70_000)))]),
            ([pkg], [pkg: .success(.energyCounter(900))]),
            ([pkg], [pkg: .success(.energyCounter(1_900))]),
            ([pkg, gpu], [pkg: .success(.energyCounter(2_900)), gpu: .success(.power(Power(milliwatts: 70_000)))]),
            ([pkg, gpu], [pkg: .success(.energyCounter(3_900)), gpu: .success(.power(Power(milliwatts: 60_000)))]),
        ]
    }

    func batches(reusing: Bool) -> [SampleBatch] {
        let all = [ScriptedSource.counter(pkg), ScriptedSource.power(gpu)]
        let source = ScriptedSource(domains: all)
        // Rediscover every tick, so the vanishing domain is seen at once.
        let sampler = Sampler(sources: [source], policy: SamplerPolicy(interval: .seconds(1), rediscoverEveryTicks: 1))
        var reused = SampleBatch(time: .at(seconds: 0))
        var result: [SampleBatch] = []
        for (second, step) in script().enumerated() {
            source.domains = all.filter { step.domains.contains($0.id) }
            source.next = step.readings
            let time = SampleTime.at(seconds: Int64(second))
            if second == 0 {
                result.append(sampler.start(at: time))
            } else if reusing {
                sampler.tick(at: time, into: &reused)
                result.append(reused)
            } else {
                result.append(sampler.tick(at: time))
            }
        }
        return result
    }

    @Test func aReusedBatchHoldsWhatFreshBatchesHold() {
        let fresh = batches(reusing: false)
        let reused = batches(reusing: true)
        #expect(fresh.map(\.samples) == reused.map(\.samples))
        #expect(fresh.map(\.gaps) == reused.map(\.gaps))
        #expect(fresh.map(\.failures) == reused.map(\.failures))
        #expect(fresh.map { $0.newDomains.map(\.id) } == reused.map { $0.newDomains.map(\.id) })
        #expect(reused.map(\.time) == (0..<8).map { SampleTime.at(seconds: Int64($0)) })
        // The script exercised every kind of outcome.
        #expect(fresh.contains { !$0.gaps.isEmpty } && fresh.contains { !$0.failures.isEmpty })
        #expect(fresh.map(\.samples.count).reduce(0, +) >= 8)
    }
}
