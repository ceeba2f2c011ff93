import FrugalCore

/// Attribution of recorded data: counter readings and request records in,
/// per-request energy and the books out. With `learn_coefficients`, a first
/// pass fits each model's joules per prompt and completion token on the
/// token-weighted domains, and the split uses them.
public enum BatchAttribution {
    public struct Output: Sendable {
        public var result: AttributionResult
        public var coefficients: [String: ModelCoefficients]
        public var fitQuality: Double?
        /// Intervals whose energy is unknown (counter resets).
        public var gaps: [SampleGap]
        /// The log clock offset used: configured, or detected (`"auto"`).
        public var logClockOffset: Duration = .zero
    }

    public static func run(readings: CounterReadings, requests: [RequestRecord], config: FrugalConfig) -> Output {
        let domains = readings.domains
        let (samples, gaps) = readings.intervals(maxDomainPower: config.maxDomainPower)
        var policy = config.attributionPolicy(for: domains)
        var fitQuality: Double?
        if config.detectsLogClockOffset,
            let found = ClockOffsetEstimator.estimate(
                samples: samples, domains: domains, requests: requests, policy: policy)
        {
            policy.logClockOffset = found.offset
        }
        if config.learnCoefficients,
            let fit = CoefficientFit.fit(samples: samples, domains: domains, requests: requests, policy: policy)
        {
            policy = fit.applied(to: policy)
            fitQuality = fit.rSquared
        }
        let result = Attributor(policy: policy).attribute(samples: samples, domains: domains, requests: requests)
        return Output(
            result: result, coefficients: policy.coefficients, fitQuality: fitQuality, gaps: gaps,
            logClockOffset: policy.logClockOffset)
    }
}
