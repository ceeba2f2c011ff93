import FrugalCore
import FrugalIngest
import FrugalSimulation

/// How close attribution comes to the truth of a simulated host, beside two
/// baselines: the equal time-overlap split that CPU-time-share tools make,
/// and an EcoLogits-style estimate from the model's parameter count.
///
/// The requests go through the real log path (LiteLLM lines written by the
/// simulator, read by `FrugalIngest`); the counters through the same wrap-safe
/// counter as the daemon. Idle powers and GPU pinning are configured as an
/// operator would (`[attribution.idle_power]`, `[attribution.pin]`), with the
/// log's clock offset detected (`log_clock_offset = "auto"`) for Frugal; the
/// time-overlap baseline takes the log's clock as it is, as such tools do.
public enum AccuracyEvaluation {
    public struct Score: Sendable, Hashable, Codable {
        public var method: String
        /// |estimate − truth| / truth per request: median and 95th percentile.
        public var requestMedianError: Double
        public var requestP95Error: Double
        /// The worst |Σ estimate − Σ truth| / Σ truth over models.
        public var modelMaxError: Double
        public var modelErrors: [String: Double]
    }

    public struct Report: Sendable, Codable {
        public var scenario: String
        public var requests: Int
        public var scores: [Score]
    }

    /// `mapsBackends`: the operator maps each backend the gateway logs to its
    /// GPUs (`[attribution.upstream]`); Frugal is then scored with and
    /// without that map, since not every gateway logs its backend.
    public static func run(_ result: SimulationResult, configureIdle: Bool = true, mapsBackends: Bool = true) throws
        -> Report
    {
        let (domains, samples) = intervals(result)
        let requests = try records(result)
        let records = requests.map(\.record)
        var config = FrugalConfig()
        if configureIdle {
            for simulated in result.domains {
                config.idlePowers[simulated.domain.id.rawValue] = Power(watts: simulated.idlePowerWatts)
            }
        }
        config.describeAccelerators(of: result, mapsBackends: false)
        // An operator who does not know the gateway's clock says "auto".
        config.detectsLogClockOffset = true
        var mapped = config
        mapped.describeAccelerators(of: result, mapsBackends: mapsBackends)
        let truth = truthByID(result)
        var overlap = config.attributionPolicy(for: domains)
        for id in overlap.domains.keys { overlap.domains[id]?.key = .requestTime }
        let overlapResult = Attributor(policy: overlap).attribute(samples: samples, domains: domains, requests: records)
        let ecologits = Dictionary(
            uniqueKeysWithValues: requests.map { ($0.record.id, ecoLogitsMicrojoules($0.simulated, result)) })
        let models = Dictionary(uniqueKeysWithValues: requests.map { ($0.record.id, $0.record.model) })
        var scores = [
            score("frugal", estimates(frugal(mapped, samples, domains, records)), truth, models: models)
        ]
        if !mapped.upstreamDomains.isEmpty {
            scores.append(
                score(
                    "frugal, backends not mapped", estimates(frugal(config, samples, domains, records)), truth,
                    models: models))
        }
        scores.append(score("time-overlap split", estimates(overlapResult), truth, models: models))
        scores.append(score("ecologits-style estimate", ecologits, truth, models: models))
        return Report(scenario: result.scenario.name, requests: requests.count, scores: scores)
    }

    /// Frugal's pipeline as the daemon runs it: the clock offset detected,
    /// coefficients and the pools' reading fitted, then the attribution.
    static func frugal(
        _ config: FrugalConfig, _ samples: [EnergySample], _ domains: [Domain], _ requests: [RequestRecord]
    ) -> AttributionResult {
        var policy = config.attributionPolicy(for: domains)
        if config.detectsLogClockOffset,
            let found = ClockOffsetEstimator.estimate(
                samples: samples, domains: domains, requests: requests, policy: policy)
        {
            policy.logClockOffset = found.offset
        }
        if let fit = CoefficientFit.fit(samples: samples, domains: domains, requests: requests, policy: policy) {
            policy = fit.applied(to: policy)
        }
        return Attributor(policy: policy).attribute(samples: samples, domains: domains, requests: requests)
    }

    /// The simulated domains and the intervals between consecutive readings.
    static func intervals(_ result: SimulationResult) -> ([Domain], [EnergySample]) {
        var samples: [EnergySample] = []
        for (d, simulated) in result.domains.enumerated() {
            var counter = EnergyCounter(range: simulated.domain.counterRangeMicrojoules)
            _ = counter.update(result.counterReadings[d][0])
            for k in 1..<result.readingCount {
                let elapsed = result.sampleTime(k) - result.sampleTime(k - 1)
                if let energy = counter.update(result.counterReadings[d][k]).energy {
                    samples.append(
                        EnergySample(
                            domain: simulated.domain.id, end: result.sampleTime(k), elapsed: elapsed, energy: energy))
                }
            }
        }
        return (result.domains.map(\.domain), samples)
    }

    struct Pair {
        var record: RequestRecord
        var simulated: SimulatedRequest
    }

    /// Every request as its LiteLLM log line, read back by the real parser.
    static func records(_ result: SimulationResult) throws -> [Pair] {
        let parser = LiteLLMParser()
        let context = ParseContext(
            host: result.scenario.host, now: result.sampleTime(result.readingCount) + .seconds(86_400))
        return try result.requests.map { request in
            let line = result.logLine(request, format: .litellm)
            switch parser.parse(line, context: context) {
            case .success(let record): return Pair(record: record, simulated: request)
            case .failure(let rejection):
                throw EvaluationError(message: "the parser rejected a simulated line: \(rejection)")
            }
        }
    }

    struct EvaluationError: Error { var message: String }

    static func truthByID(_ result: SimulationResult) -> [String: Int64] {
        let counted = Set(HostTotal.domains(result.domains.map(\.domain)).map(\.id))
        var truth: [String: Int64] = [:]
        for (index, request) in result.requests.enumerated() {
            let id = result.expectedRecord(request, format: .litellm).id
            truth[id] = result.truth.requests[index].filter { counted.contains(result.domains[$0.domain].domain.id) }
                .reduce(0) { $0 + $1.microjoules }
        }
        return truth
    }

    static func estimates(_ attribution: AttributionResult) -> [String: Int64] {
        let counted = attribution.countedIndices
        return Dictionary(
            uniqueKeysWithValues: attribution.requests.indices.map {
                (attribution.requests[$0].id, attribution.totals(at: $0, counted: counted).dynamic)
            })
    }

    static func ecoLogitsMicrojoules(_ request: SimulatedRequest, _ result: SimulationResult) -> Int64 {
        let model = result.scenario.models[request.modelIndex]
        let latency = Double((request.loggedEnd - request.loggedStart).nanoseconds) / 1e9
        let kwh = EcoLogitsEstimate.kilowattHours(
            parameterBillions: model.parameterCountBillions, completionTokens: request.completionTokens,
            latencySeconds: latency)
        return Int64((kwh * 3.6e12).rounded())
    }
}
