import FrugalCore
import PropertyBased
import Testing

@Suite("Replicas: requests placed on the GPU whose signal they explain")
struct AttributionReplicaTests {
    let gpu0 = Scenario.domain("nvml:GPU-0", .gpu)
    let gpu1 = Scenario.domain("nvml:GPU-1", .gpu)

    /// Two replicas of one model; request i runs alone on GPU i % 2 for two
    /// seconds, drawing 300 W above a 60 W idle; the log does not say where.
    func replicaHost(requests count: Int) -> ([EnergySample], [RequestRecord], AttributionPolicy) {
        let requests = (0..<count).map { index -> RequestRecord in
            let start = Double(3 * index)
            return Scenario.request("r\(index)", start: start, firstToken: start + 0.1, end: start + 2)
        }
        var samples: [EnergySample] = []
        for second in 1...(count * 3) {
            for (g, gpu) in ["nvml:GPU-0", "nvml:GPU-1"].enumerated() {
                let index = (second - 1) / 3
                let busy = (second - 1) % 3 < 2 && index % 2 == g
                samples.append(Scenario.sample(gpu, end: Int64(second), joules: 60 + (busy ? 300 : 0)))
            }
        }
        let pinned = DomainPolicy(key: .tokens, idlePower: Power(watts: 60), models: ["llama-8b"])
        return (samples, requests, AttributionPolicy(domains: [gpu0.id: pinned, gpu1.id: pinned]))
    }

    @Test func eachRequestGetsTheEnergyOfTheReplicaThatServedIt() {
        let (samples, requests, policy) = replicaHost(requests: 20)
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu0, gpu1], requests: requests)
        for index in result.requests.indices {
            let served = index % 2
            #expect(result.dynamic[served][index] == 600_000_000, "request \(index) on GPU \(served)")
            #expect(result.dynamic[1 - served][index] == 0)
        }
        #expect(result.conserves)
    }

    @Test func withoutPlacementThePoolIsSplitByWeight() {
        var (samples, requests, policy) = replicaHost(requests: 20)
        policy.infersReplicas = false
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu0, gpu1], requests: requests)
        // Alone in its interval, a request still gets its own GPU's energy
        // pooled: each GPU's energy goes to the pool's running request.
        #expect(result.attribution(at: 0).dynamicTotal == Energy(joules: 600))
        #expect(result.conserves)
    }

    @Test func aTensorParallelGroupIsNotSplitIntoReplicas() {
        var (samples, requests, policy) = replicaHost(requests: 20)
        policy.poolsAreReplicas = false
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu0, gpu1], requests: requests)
        #expect(result.dynamic[1][0] == 0, "GPU 1 measured nothing above idle while request 0 ran")
        #expect(result.conserves)
    }

    @Test("conservation holds with replica pools, to the microjoule")
    func conservationWithReplicaPools() async {
        await propertyCheck(count: 100, input: Gen.int(in: 5...60), Gen.int(in: 0...25), Gen.int(in: 0...1_000_000)) {
            seconds, count, seed in
            var random = SplitMix64(seed: UInt64(seed))
            let domains = [gpu0, gpu1, Scenario.domain("rapl:intel-rapl:0", .package)]
            var samples: [EnergySample] = []
            for domain in domains {
                for second in 1...seconds {
                    samples.append(Scenario.sample(domain.id.rawValue, end: Int64(second), joules: random.unit() * 600))
                }
            }
            let requests = (0..<count).map { index -> RequestRecord in
                let start = random.unit() * Double(seconds)
                let end = start + random.unit() * 5
                return Scenario.request(
                    "r\(index)", start: start,
                    firstToken: random.unit() > 0.4 ? start + (end - start) * random.unit() : nil,
                    end: end, prompt: Int(random.unit() * 2_000), completion: Int(random.unit() * 600))
            }
            let gpuPolicy = DomainPolicy(key: .tokens, idlePower: Power(watts: 60 + random.unit() * 200))
            let policy = AttributionPolicy(
                domains: [gpu0.id: gpuPolicy, gpu1.id: gpuPolicy], decodeBatchExponent: random.unit())
            let result = Attributor(policy: policy).attribute(samples: samples, domains: domains, requests: requests)
            #expect(result.conserves)
            for (d, ledger) in result.ledgers.enumerated() {
                #expect(result.dynamic[d].reduce(0, +) == ledger.attributed.microjoules)
                #expect(result.idle[d].reduce(0, +) == ledger.idleAllocated.microjoules)
                #expect(result.dynamic[d].allSatisfy { $0 >= 0 })
            }
        }
    }
}
