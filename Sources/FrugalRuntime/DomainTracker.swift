import FrugalCore

/// The sampler's memory of one domain: its counter, its last good read and
/// the failure it is in, if any. Turns each read into a sample, a gap, or
/// nothing (a first reading).
struct DomainTracker {
    /// What a read produced.
    enum Outcome: Equatable {
        case nothing
        case sample(EnergySample)
        case gap(SampleGap)
    }

    let domain: Domain
    private var counter: EnergyCounter
    private var lastPower: Power?
    private var lastGood: SampleTime?
    /// When the current run of failed reads began, and its first failure.
    private(set) var failing: (since: SampleTime, failure: ProbeFailure)?

    /// Whether the domain is in a run of `.absent` failures (it may come back on rediscovery).
    var isAbsent: Bool { failing?.failure.kind == .absent }

    init(domain: Domain) {
        self.domain = domain
        self.counter = EnergyCounter(range: domain.counterRangeMicrojoules)
    }

    mutating func observe(_ result: Result<Reading, ProbeFailure>, at now: SampleTime, policy: SamplerPolicy) -> Outcome
    {
        switch result {
        case .failure(let failure):
            fail(failure, at: now)
            return .nothing
        case .success(let reading):
            let recovered = failing
            failing = nil
            if let recovered, recovered.failure.kind == .absent {
                // A vanished domain's counter may have restarted: its span is lost.
                let start = lastGood?.wall ?? recovered.since.wall
                restart()
                _ = take(reading, at: now, policy: policy)
                return .gap(gap(from: start, to: now.wall, .domainVanished, recovered.failure.reason))
            }
            return take(reading, at: now, policy: policy)
        }
    }

    /// The gap of a failure still running at shutdown, so it is recorded.
    func openGap(at now: SampleTime) -> SampleGap? {
        guard let failing else { return nil }
        let reason: SampleGap.Reason = failing.failure.kind == .absent ? .domainVanished : .readFailed
        return gap(from: lastGood?.wall ?? failing.since.wall, to: now.wall, reason, failing.failure.description)
    }

    private mutating func fail(_ failure: ProbeFailure, at now: SampleTime) {
        if failing == nil { failing = (now, failure) }
    }

    private mutating func restart() {
        counter.restart()
        lastPower = nil
        lastGood = nil
    }

    private mutating func take(_ reading: Reading, at now: SampleTime, policy: SamplerPolicy) -> Outcome {
        defer { lastGood = now }
        switch reading {
        case .energyCounter(let value):
            return takeCounter(value, at: now, policy: policy)
        case .power(let power):
            defer { lastPower = power }
            guard let last = lastGood, let previous = lastPower else { return .nothing }
            let elapsed = now.monotonic - last.monotonic
            guard elapsed <= policy.longestPowerGap else {
                let detail = "power readings \(elapsed) apart: too far apart to integrate"
                return .gap(gap(from: last.wall, to: now.wall, .readFailed, detail))
            }
            let energy = Power.trapezoid(previous, power, over: elapsed)
            return .sample(EnergySample(domain: domain.id, end: now.wall, elapsed: elapsed, energy: energy))
        }
    }

    private mutating func takeCounter(_ value: UInt64, at now: SampleTime, policy: SamplerPolicy) -> Outcome {
        guard let last = lastGood else {
            _ = counter.update(value)
            return .nothing
        }
        let elapsed = now.monotonic - last.monotonic
        let outcome = counter.update(value, maxPlausible: policy.maxDomainPower.energy(over: elapsed))
        switch outcome {
        case .firstSample:
            return .nothing
        case .reset(let previous, let current):
            let detail = "counter went from \(previous) µJ to \(current) µJ without a possible wrap"
            return .gap(gap(from: last.wall, to: now.wall, .counterReset, detail))
        case .delta(let energy), .wrappedDelta(let energy):
            if let safe = counter.longestSafeInterval(atMost: policy.maxDomainPower), elapsed >= safe {
                let detail = "interval of \(elapsed) is long enough for two wraps (safe below \(safe))"
                return .gap(gap(from: last.wall, to: now.wall, .possibleDoubleWrap, detail))
            }
            let wrapped = if case .wrappedDelta = outcome { true } else { false }
            return .sample(
                EnergySample(domain: domain.id, end: now.wall, elapsed: elapsed, energy: energy, wrapped: wrapped))
        }
    }

    private func gap(from start: Timestamp, to end: Timestamp, _ reason: SampleGap.Reason, _ detail: String)
        -> SampleGap
    {
        SampleGap(domain: domain.id, start: start, end: end, reason: reason, detail: detail)
    }
}
