import FrugalCore
import Testing

@Suite("CoefficientFit: per-model joules per token from the signal")
struct CoefficientFitTests {
    @Test func recoversKnownCoefficientsOfTwoModelsSharingAGPU() throws {
        let gpu = Scenario.domain("nvml:GPU-0", .gpu)
        var random = SplitMix64(seed: 7)
        var requests: [RequestRecord] = []
        var samples: [EnergySample] = []
        // True costs: 8B model 0.05 J/prompt token, 0.4 J/completion token; 24B 0.15 and 1.2.
        let truth = ["llama-8b": (0.05, 0.4), "mistral-24b": (0.15, 1.2)]
        for second in 0..<600 {
            var dynamic = 0.0
            for model in ["llama-8b", "mistral-24b"] where random.unit() < 0.7 {
                let prompt = Int(random.unit() * 2_000)
                let completion = Int(random.unit() * 300)
                // One request per model per second, prefill then decode within the second.
                requests.append(
                    Scenario.request(
                        "\(model)-\(second)", model: model, start: Double(second) + 0.01,
                        firstToken: Double(second) + 0.2,
                        end: Double(second) + 0.99, prompt: prompt, completion: completion))
                dynamic += Double(prompt) * truth[model]!.0 + Double(completion) * truth[model]!.1
            }
            let noise = (random.unit() - 0.5) * 4
            samples.append(Scenario.sample("nvml:GPU-0", end: Int64(second + 1), joules: 70 + dynamic + noise))
        }
        let policy = AttributionPolicy(domains: [gpu.id: DomainPolicy(key: .tokens, idlePower: Power(watts: 70))])
        let fit = try #require(CoefficientFit.fit(samples: samples, domains: [gpu], requests: requests, policy: policy))
        let small = try #require(fit.coefficients["llama-8b"])
        let large = try #require(fit.coefficients["mistral-24b"])
        #expect(abs(small.decodeJoulesPerToken - 0.4) < 0.02)
        #expect(abs(large.decodeJoulesPerToken - 1.2) < 0.05)
        #expect(abs(large.prefillJoulesPerToken - 0.15) < 0.01)
        #expect((small.decodeStandardError ?? 1) < 0.02)
        #expect(fit.rSquared > 0.99)

        // With the coefficients, the 24B model's tokens weigh three times the 8B's.
        var weighted = policy
        weighted.coefficients = fit.coefficients
        let result = Attributor(policy: weighted).attribute(samples: samples, domains: [gpu], requests: requests)
        #expect(result.conserves)
        #expect(result.methods.allSatisfy { $0 == "tokens+coefficients" })
    }

    @Test func tooLittleDataGivesNoCoefficients() {
        let gpu = Scenario.domain("nvml:GPU-0", .gpu)
        let fit = CoefficientFit.fit(
            samples: [Scenario.sample("nvml:GPU-0", end: 1, joules: 100)], domains: [gpu],
            requests: [Scenario.request("r", start: 0, end: 1)], policy: AttributionPolicy())
        #expect(fit == nil)
    }

    @Test func leastSquaresKeepsCoefficientsNonNegative() {
        var solver = NonNegativeLeastSquares(unknowns: 2)
        for x in 1...20 { solver.add([Double(x), Double(x % 3)], y: 2 * Double(x) - 0.5 * Double(x % 3)) }
        let solution = solver.solve()
        #expect(solution.coefficients[1] == 0)
        #expect(solution.coefficients[0] > 1.8)
    }
}
