import FrugalCore
import PropertyBased
import Testing

/// Small builders for attribution scenarios: seconds from an origin.
enum Scenario {
    static let origin: Int64 = 1_800_000_000

    static func domain(_ id: String, _ kind: DomainKind) -> Domain {
        Domain(id: DomainID(id), kind: kind, name: id, source: "test", method: .energyCounter, location: id)
    }

    static func sample(_ domain: String, end second: Int64, joules: Double, seconds: Int64 = 1) -> EnergySample {
        EnergySample(
            domain: DomainID(domain), end: Timestamp(secondsSinceEpoch: origin + second), elapsed: .seconds(seconds),
            energy: Energy(joules: joules))
    }

    static func request(
        _ id: String, model: String = "llama-8b", tenant: String = "commune-a", start: Double,
        firstToken: Double? = nil,
        end: Double, prompt: Int? = 100, completion: Int? = 100
    ) -> RequestRecord {
        func t(_ s: Double) -> Timestamp { Timestamp(nanosecondsSinceEpoch: origin * 1_000_000_000 + Int64(s * 1e9)) }
        return RequestRecord(
            id: id, host: "h", tenant: tenant, model: model, start: t(start), firstToken: firstToken.map(t),
            end: t(end),
            promptTokens: prompt, completionTokens: completion, format: "jsonl")
    }
}

@Suite("Attributor: measured = idle + attributed + unattributed")
struct AttributorTests {
    let gpu = Scenario.domain("nvml:GPU-0", .gpu)
    let cpu = Scenario.domain("rapl:intel-rapl:0", .package)

    @Test func oneRequestGetsAllTheDynamicEnergyAboveIdle() throws {
        let policy = AttributionPolicy(domains: [gpu.id: DomainPolicy(key: .tokens, idlePower: Power(watts: 60))])
        let samples = (1...4).map { Scenario.sample("nvml:GPU-0", end: $0, joules: 260) }
        let result = Attributor(policy: policy).attribute(
            samples: samples, domains: [gpu], requests: [Scenario.request("r1", start: 0, firstToken: 0.5, end: 4)])
        let ledger = try #require(result.ledgers.first)
        #expect(ledger.measured == Energy(joules: 1_040))
        #expect(ledger.idle == Energy(joules: 240))
        #expect(ledger.attributed == Energy(joules: 800))
        #expect(ledger.unattributed == .zero)
        #expect(result.attribution(at: 0).dynamicTotal == Energy(joules: 800))
        #expect(result.attribution(at: 0).idleTotal == Energy(joules: 240), "the full-cost view gives it the idle too")
        #expect(result.conserves)
    }

    @Test func anIntervalWithoutRequestsKeepsItsDynamicEnergyUnattributed() throws {
        let policy = AttributionPolicy(domains: [gpu.id: DomainPolicy(key: .tokens, idlePower: Power(watts: 60))])
        let samples = [
            Scenario.sample("nvml:GPU-0", end: 1, joules: 100), Scenario.sample("nvml:GPU-0", end: 2, joules: 300),
        ]
        let result = Attributor(policy: policy).attribute(
            samples: samples, domains: [gpu], requests: [Scenario.request("r1", start: 1.2, end: 1.8)])
        #expect(result.ledgers[0].unattributed == Energy(joules: 40))
        #expect(result.ledgers[0].attributed == Energy(joules: 240))
        #expect(result.conserves)
    }

    @Test func tokensSplitTheGPUAndTimeSplitsTheCPU() throws {
        let policy = AttributionPolicy(
            domains: [
                gpu.id: DomainPolicy(key: .tokens, idlePower: .zero),
                cpu.id: DomainPolicy(key: .requestTime, idlePower: .zero),
            ], promptTokenWeight: 0)
        let samples = [
            Scenario.sample("nvml:GPU-0", end: 1, joules: 400),
            Scenario.sample("rapl:intel-rapl:0", end: 1, joules: 100),
        ]
        // Same duration, three times the completion tokens.
        let requests = [
            Scenario.request("big", start: 0, firstToken: 0, end: 1, prompt: 0, completion: 300),
            Scenario.request("small", start: 0, firstToken: 0, end: 1, prompt: 0, completion: 100),
        ]
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu, cpu], requests: requests)
        let big = result.attribution(at: 0)
        let small = result.attribution(at: 1)
        #expect(big.dynamic[gpu.id] == Energy(joules: 300))
        #expect(small.dynamic[gpu.id] == Energy(joules: 100))
        #expect(big.dynamic[cpu.id] == Energy(joules: 50))
        #expect(small.dynamic[cpu.id] == Energy(joules: 50))
    }

    @Test func promptTokensCountDuringPrefillAndCompletionTokensDuringDecode() throws {
        let policy = AttributionPolicy(
            domains: [gpu.id: DomainPolicy(key: .tokens, idlePower: .zero)], promptTokenWeight: 1)
        let samples = [
            Scenario.sample("nvml:GPU-0", end: 1, joules: 100), Scenario.sample("nvml:GPU-0", end: 2, joules: 100),
        ]
        // A: all prefill in second 1; B: all decode in second 2.
        let requests = [
            Scenario.request("a", start: 0, firstToken: 1, end: 2, prompt: 500, completion: 10),
            Scenario.request("b", start: 0, firstToken: 1, end: 2, prompt: 10, completion: 500),
        ]
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu], requests: requests)
        #expect(result.attribution(at: 0).dynamicTotal == Energy(joules: 100))
        #expect(result.attribution(at: 1).dynamicTotal == Energy(joules: 100))
        #expect(result.attribution(at: 0).dynamicTotal.microjoules == 100_000_000)
    }

    @Test func aPinnedGPUServesOnlyItsModel() throws {
        let gpu1 = Scenario.domain("nvml:GPU-1", .gpu)
        let policy = AttributionPolicy(domains: [
            gpu.id: DomainPolicy(key: .tokens, idlePower: .zero, models: ["llama-8b"]),
            gpu1.id: DomainPolicy(key: .tokens, idlePower: .zero, models: ["mistral-24b"]),
        ])
        let samples = [
            Scenario.sample("nvml:GPU-0", end: 1, joules: 100), Scenario.sample("nvml:GPU-1", end: 1, joules: 300),
        ]
        let requests = [
            Scenario.request("small", model: "llama-8b", start: 0, end: 1),
            Scenario.request("large", model: "mistral-24b", start: 0, end: 1),
        ]
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu, gpu1], requests: requests)
        // Requests come back sorted by start, then id: "large" before "small".
        #expect(result.requests.map(\.id) == ["large", "small"])
        #expect(result.attribution(at: 0).dynamic == [gpu1.id: Energy(joules: 300)])
        #expect(result.attribution(at: 1).dynamic == [gpu.id: Energy(joules: 100)])
    }

    @Test func replicasServingTheSameModelsAreSplitAsOnePool() throws {
        // The log does not say which replica served a request: the pool's
        // energy is split by weight, then each GPU's share by the pool shares.
        let gpu1 = Scenario.domain("nvml:GPU-1", .gpu)
        let policy = AttributionPolicy(domains: [
            gpu.id: DomainPolicy(key: .tokens, idlePower: .zero), gpu1.id: DomainPolicy(key: .tokens, idlePower: .zero),
        ])
        let samples = [
            Scenario.sample("nvml:GPU-0", end: 1, joules: 300), Scenario.sample("nvml:GPU-1", end: 1, joules: 100),
        ]
        let requests = [Scenario.request("a", start: 0, end: 1), Scenario.request("b", start: 0, end: 1)]
        let result = Attributor(policy: policy).attribute(samples: samples, domains: [gpu, gpu1], requests: requests)
        #expect(result.attribution(at: 0).dynamicTotal == Energy(joules: 200))
        #expect(result.attribution(at: 1).dynamicTotal == Energy(joules: 200))
        #expect(result.attribution(at: 0).dynamic == [gpu.id: Energy(joules: 150), gpu1.id: Energy(joules: 50)])
        #expect(result.ledgers.map(\.attributed) == [Energy(joules: 300), Energy(joules: 100)])
        #expect(result.conserves)
    }

    @Test func theDecodeBatchExponentShiftsWeightToPrefillWhenManyDecode() throws {
        let policy = AttributionPolicy(
            domains: [gpu.id: DomainPolicy(key: .tokens, idlePower: .zero)], promptTokenWeight: 1,
            decodeBatchExponent: 1)
        // Four requests decoding all second long (b = 4), one prefilling: decode weights are divided by 4.
        var requests = (0..<4).map {
            Scenario.request("d\($0)", start: 0, firstToken: 0, end: 1, prompt: 0, completion: 100)
        }
        requests.append(Scenario.request("p", start: 0, firstToken: 1, end: 1, prompt: 100, completion: 0))
        let result = Attributor(policy: policy).attribute(
            samples: [Scenario.sample("nvml:GPU-0", end: 1, joules: 200)], domains: [gpu], requests: requests)
        let prefill = try #require(result.requests.firstIndex { $0.id == "p" })
        #expect(result.attribution(at: prefill).dynamicTotal == Energy(joules: 100))
        #expect(result.conserves)
    }

    @Test func unknownTokensFallBackToTimeAndSaySo() throws {
        let policy = AttributionPolicy(domains: [gpu.id: DomainPolicy(key: .tokens, idlePower: .zero)])
        let requests = [
            Scenario.request("known", start: 0, end: 1),
            Scenario.request("unknown", start: 0, end: 1, prompt: nil, completion: nil),
        ]
        let result = Attributor(policy: policy).attribute(
            samples: [Scenario.sample("nvml:GPU-0", end: 1, joules: 100)], domains: [gpu], requests: requests)
        #expect(result.attribution(at: 0).dynamicTotal == Energy(joules: 50))
        #expect(result.methods == ["time", "time"])
        #expect(result.ledgers[0].timeFallbackIntervals == 1)
    }

    @Test func theLogClockOffsetMovesRequestsOntoTheSamplerClock() throws {
        let policy = AttributionPolicy(
            domains: [gpu.id: DomainPolicy(key: .requestTime, idlePower: .zero)], logClockOffset: .seconds(1))
        let samples = [
            Scenario.sample("nvml:GPU-0", end: 1, joules: 10), Scenario.sample("nvml:GPU-0", end: 2, joules: 20),
        ]
        let result = Attributor(policy: policy).attribute(
            samples: samples, domains: [gpu], requests: [Scenario.request("late", start: 0, end: 1)])
        #expect(result.attribution(at: 0).dynamicTotal == Energy(joules: 20))
    }

    @Test("conservation holds over random scenarios, to the microjoule")
    func conservationOverRandomScenarios() async {
        await propertyCheck(
            count: 200, input: Gen.int(in: 1...40), Gen.int(in: 0...30), Gen.int(in: 0...1_000_000)
        ) { seconds, requestCount, seed in
            var random = SplitMix64(seed: UInt64(seed))
            let domains = [gpu, cpu, Scenario.domain("rapl:intel-rapl:0:1", .dram)]
            var samples: [EnergySample] = []
            for domain in domains {
                for second in 1...seconds {
                    samples.append(Scenario.sample(domain.id.rawValue, end: Int64(second), joules: random.unit() * 500))
                }
            }
            let requests = (0..<requestCount).map { index -> RequestRecord in
                let start = random.unit() * Double(seconds)
                let end = start + random.unit() * 8
                let known = random.unit() > 0.2
                return Scenario.request(
                    "r\(index)", model: random.unit() > 0.5 ? "llama-8b" : "mistral-24b", start: start,
                    firstToken: random.unit() > 0.3 ? start + (end - start) * random.unit() : nil, end: end,
                    prompt: known ? Int(random.unit() * 4_000) : nil, completion: known ? Int(random.unit() * 800) : nil
                )
            }
            let policy = AttributionPolicy(domains: [
                cpu.id: DomainPolicy(key: .requestTime, idlePower: Power(watts: 40))
            ])
            let result = Attributor(policy: policy).attribute(samples: samples, domains: domains, requests: requests)
            #expect(result.conserves)
            for (d, ledger) in result.ledgers.enumerated() {
                #expect(result.dynamic[d].reduce(0, +) == ledger.attributed.microjoules)
                #expect(result.idle[d].reduce(0, +) == ledger.idleAllocated.microjoules)
                #expect(ledger.idleAllocated == .zero || ledger.idleAllocated == ledger.idle)
                #expect(result.dynamic[d].allSatisfy { $0 >= 0 })
            }
        }
    }
}
