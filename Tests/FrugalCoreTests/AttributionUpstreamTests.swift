import FrugalCore
import Testing

@Suite("Backends: a request logged with its backend is charged to that backend's GPUs")
struct AttributionUpstreamTests {
    let gpu0 = Scenario.domain("nvml:GPU-0", .gpu)
    let gpu1 = Scenario.domain("nvml:GPU-1", .gpu)
    let cpu = Scenario.domain("rapl:intel-rapl:0", .package)

    /// Two replicas of one model, each running one request at a time, side
    /// by side: the request on GPU 0 draws 300 W above idle, the one on GPU 1
    /// 100 W, same tokens, same times. Only the logged backend tells them apart.
    func sideBySide(pairs: Int, logged: Bool) -> ([EnergySample], [RequestRecord]) {
        var requests: [RequestRecord] = []
        var samples: [EnergySample] = []
        for pair in 0..<pairs {
            let start = Double(3 * pair)
            for g in 0..<2 {
                var request = Scenario.request("r\(pair)-\(g)", start: start, firstToken: start + 0.1, end: start + 2)
                if logged { request.upstream = g == 0 ? "http://10.0.0.5:8000/v1" : "10.0.0.6:8000" }
                requests.append(request)
            }
        }
        for second in 1...(pairs * 3) {
            let busy = (second - 1) % 3 < 2
            samples.append(Scenario.sample("nvml:GPU-0", end: Int64(second), joules: 60 + (busy ? 300 : 0)))
            samples.append(Scenario.sample("nvml:GPU-1", end: Int64(second), joules: 60 + (busy ? 100 : 0)))
            samples.append(Scenario.sample("rapl:intel-rapl:0", end: Int64(second), joules: 40 + (busy ? 20 : 0)))
        }
        return (samples, requests)
    }

    /// Both GPUs pinned to the model, each mapped to its own backend.
    func policy() -> AttributionPolicy {
        let backends = ["http://10.0.0.5:8000", "10.0.0.6:8000"]
        func gpu(_ own: Int) -> DomainPolicy {
            DomainPolicy(
                key: .tokens, idlePower: Power(watts: 60), models: ["llama-8b"], upstreams: [backends[own]],
                foreignUpstreams: [backends[1 - own]])
        }
        var policy = AttributionPolicy(
            domains: [
                gpu0.id: gpu(0), gpu1.id: gpu(1),
                cpu.id: DomainPolicy(key: .requestTime, idlePower: Power(watts: 40)),
            ])
        policy.infersReplicas = false
        return policy
    }

    @Test func eachRequestGetsItsOwnBackendsEnergy() {
        let (samples, requests) = sideBySide(pairs: 10, logged: true)
        let result = Attributor(policy: policy()).attribute(
            samples: samples, domains: [gpu0, gpu1, cpu], requests: requests)
        for (index, request) in result.requests.enumerated() {
            let own = request.id.hasSuffix("-0") ? 0 : 1
            #expect(result.dynamic[own][index] == (own == 0 ? 600_000_000 : 200_000_000), "\(request.id)")
            #expect(result.dynamic[1 - own][index] == 0, "\(request.id) ran on GPU \(own) only")
            // The CPU serves every request: split by time, 20 J each.
            #expect(result.dynamic[2][index] == 20_000_000)
        }
        #expect(result.conserves)
    }

    @Test func withoutTheBackendTheModelDecidesAndTheGPUsShare() {
        let (samples, requests) = sideBySide(pairs: 10, logged: false)
        let result = Attributor(policy: policy()).attribute(
            samples: samples, domains: [gpu0, gpu1, cpu], requests: requests)
        // Alike in time and tokens, the two requests of a pair split each GPU's energy in two.
        for index in result.requests.indices {
            #expect(result.dynamic[0][index] == 300_000_000)
            #expect(result.dynamic[1][index] == 100_000_000)
        }
        #expect(result.conserves)
    }

    @Test func aMappedBackendWinsOverThePinnedModel() {
        var (samples, requests) = sideBySide(pairs: 4, logged: true)
        // A request to another model sent to GPU 0's backend still runs there.
        for index in requests.indices where requests[index].id.hasSuffix("-0") { requests[index].model = "mistral-24b" }
        let result = Attributor(policy: policy()).attribute(
            samples: samples, domains: [gpu0, gpu1, cpu], requests: requests)
        for (index, request) in result.requests.enumerated() where request.model == "mistral-24b" {
            #expect(result.dynamic[0][index] == 600_000_000)
        }
        #expect(result.conserves)
    }

    @Test(arguments: [
        ("http://10.0.0.5:8000/v1", "http://10.0.0.5:8000"),
        ("http://10.0.0.5:8000/v1/", "http://10.0.0.5:8000"),
        ("HTTP://GPU0.local:8000/", "http://gpu0.local:8000"),
        ("10.0.0.4:8000, 10.0.0.5:8000", "10.0.0.5:8000"),
        ("  10.0.0.5:8000 ", "10.0.0.5:8000"),
        ("10.0.0.4:8000 : 10.0.0.7:8000", "10.0.0.7:8000"),
    ])
    func keysMatchWhatOperatorsWrite(logged: String, key: String) {
        #expect(Upstream.key(logged) == key)
    }

    @Test(arguments: ["", "-", " , ", "/", "/v1"])
    func emptyBackendsAreNotKeys(logged: String) {
        #expect(Upstream.key(logged) == nil)
    }
}
