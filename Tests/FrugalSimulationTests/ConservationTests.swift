import FrugalCore
import FrugalSimulation
import Testing

@Suite("Conservation: idle + Σ requests = counter advance, in µJ")
struct ConservationTests {
    @Test(arguments: [1, 2, 3])
    func everyDomainBalancesExactly(seed: UInt64) throws {
        let result = try Simulation.run(TestScenarios.wrapping(seed: seed))
        #expect(!result.requests.isEmpty)
        for (index, domain) in result.domains.enumerated() {
            let truth = result.truth.domains[index]
            var requests: Int64 = 0
            for shares in result.truth.requests {
                for share in shares where share.domain == index { requests += share.microjoules }
            }
            #expect(requests == truth.requestsMicrojoules, "\(domain.domain.id)")
            #expect(truth.idleMicrojoules + requests == truth.totalMicrojoules, "\(domain.domain.id)")
            #expect(
                unwrappedAdvance(result.counterReadings[index], range: domain.domain.counterRangeMicrojoules)
                    == truth.totalMicrojoules)
            #expect(truth.idleMicrojoules > 0 && requests > 0, "\(domain.domain.id) has both idle and request energy")
        }
    }

    @Test func countersOnlyGoBackwardsAtAWrap() throws {
        let result = try Simulation.run(TestScenarios.wrapping())
        var wrapsSeen = 0
        for (index, domain) in result.domains.enumerated() {
            let readings = result.counterReadings[index]
            for k in 1..<readings.count where readings[k] < readings[k - 1] {
                let range = try #require(domain.domain.counterRangeMicrojoules, "\(domain.domain.id) went backwards")
                // A wrap: the interval's energy is (range − previous) + current, below one interval at cap.
                #expect(range - readings[k - 1] + readings[k] < 2_000_000_000)
                wrapsSeen += 1
            }
            #expect(result.truth.domains[index].wraps == countWraps(readings))
        }
        #expect(wrapsSeen > 0, "the small range makes RAPL zones wrap")
    }

    @Test func gpuCountersMoveInWholeMillijoules() throws {
        let result = try Simulation.run(TestScenarios.mixed(minutes: 2))
        for (index, domain) in result.domains.enumerated() where domain.domain.kind == .gpu {
            #expect(result.counterReadings[index].allSatisfy { $0 % 1_000 == 0 })
        }
    }

    @Test func everyRequestDrawsOnItsGPUsAndOnEveryCPUDomain() throws {
        let result = try Simulation.run(TestScenarios.mixed(minutes: 3))
        let cpuDomains = Set(result.domains.indices.filter { result.domains[$0].domain.kind != .gpu })
        for request in result.requests {
            let served = Set(result.truth.requests[request.index].map(\.domain))
            #expect(served == Set(request.gpus).union(cpuDomains), "\(request.id)")
        }
    }

    @Test func idleIsNearTheBaselineAndRequestsCostWhatTheirModelSays() throws {
        let result = try Simulation.run(TestScenarios.mixed(minutes: 5))
        for (index, domain) in result.domains.enumerated() {
            let truth = result.truth.domains[index]
            let ratio = Double(truth.idleMicrojoules) / Double(truth.idleBaselineMicrojoules)
            #expect(abs(ratio - 1) < 0.02, "\(domain.domain.id): idle \(ratio) × baseline")
        }
        // A request alone costs at most its J/token figures; batching only lowers it.
        for request in result.requests where request.status == 200 {
            let model = result.scenario.models[request.modelIndex]
            let alone =
                model.prefillJoulesPerToken * Double(request.promptTokens)
                + model.decodeJoulesPerToken * Double(request.completionTokens)
            let gpu = result.truth.requests[request.index].filter { request.gpus.contains($0.domain) }
            let joules = Double(gpu.reduce(0) { $0 + $1.microjoules }) / 1e6
            #expect(joules < alone * 1.15 + 15, "\(request.id): \(joules) J vs \(alone) J alone")
        }
    }

    private func unwrappedAdvance(_ readings: [UInt64], range: UInt64?) -> Int64 {
        var counter = EnergyCounter(range: range)
        var total: Int64 = 0
        for value in readings {
            switch counter.update(value, maxPlausible: nil) {
            case .firstSample: break
            case .delta(let e), .wrappedDelta(let e): total += e.microjoules
            case .reset: Issue.record("a simulated counter never resets")
            }
        }
        return total
    }

    private func countWraps(_ readings: [UInt64]) -> Int {
        zip(readings, readings.dropFirst()).filter { $1 < $0 }.count
    }
}

@Suite("Conservation over random hosts")
struct RandomHostConservationTests {
    /// Random hosts (1–4 GPUs, some pinned, tensor parallel or not, any
    /// batching curve, 1–2 sockets, coarse or fine steps): the books balance
    /// to the microjoule on every domain.
    @Test(arguments: 1...12)
    func booksBalanceOnARandomHost(seed: UInt64) throws {
        let scenario = Self.randomScenario(seed: seed)
        let result = try Simulation.run(scenario)
        var perDomain = [Int64](repeating: 0, count: result.domains.count)
        for row in result.truth.requests {
            for share in row {
                #expect(share.microjoules > 0)
                perDomain[share.domain] += share.microjoules
            }
        }
        for (index, truth) in result.truth.domains.enumerated() {
            #expect(truth.idleMicrojoules >= 0)
            #expect(perDomain[index] + truth.idleMicrojoules == truth.totalMicrojoules, "seed \(seed) domain \(index)")
        }
    }

    static func randomScenario(seed: UInt64) -> SimulationScenario {
        var random = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        var scenario = TestScenarios.mixed(seed: seed, minutes: 2)
        let gpuCount = 1 + pick(4)
        let curves = [BatchingCurve.decodeMLEnergy, .mild, .linear, BatchingCurve(coefficient: 0.5, exponent: 2)]
        scenario.hardware.gpus = (0..<gpuCount).map { index in
            SimulatedGPU(
                uuid: "GPU-\(index)", maxPowerWatts: [700, 400, 200][pick(3)], maxConcurrentRequests: 1 + pick(8),
                noiseWatts: Double(pick(30)), decodeBatching: curves[pick(4)], prefillBatching: curves[pick(4)])
        }
        // Pin the first model to GPU 0 half of the time; the others share the rest.
        if gpuCount > 1 && pick(2) == 0 { scenario.hardware.gpus[0].pinnedModel = scenario.models[0].name }
        scenario.hardware.cpuPackages = Array(
            repeating: SimulatedCPUPackage(counterRangeMicrojoules: 3_000_000_000), count: 1 + pick(2))
        scenario.stepMilliseconds = [1, 10, 100, 1_000][pick(4)]
        scenario.sampleIntervalMilliseconds = scenario.stepMilliseconds * (1 + pick(3))
        scenario.tenants[0].peakRequestsPerHour = Double(500 + pick(5_000))
        return scenario
    }
}
