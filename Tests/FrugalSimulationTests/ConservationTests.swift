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
            #expect(unwrappedAdvance(result.counterReadings[index], range: domain.domain.counterRangeMicrojoules) == truth.totalMicrojoules)
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
            let alone = model.prefillJoulesPerToken * Double(request.promptTokens)
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
