import FrugalCore
import FrugalStore

/// What one window's run produced, for logs, the demo and tests.
public struct WindowOutcome: Sendable {
    public var start: Timestamp
    public var end: Timestamp
    public var requests: Int
    /// Over the counted domains (the host total).
    public var measured: Energy
    public var idle: Energy
    public var attributed: Energy
    public var unattributed: Energy
    /// Whether an earlier run of this window was replaced (a late request).
    public var recomputed: Bool
    public var intervals: Int
    /// Every domain's books balance to the microjoule.
    public var conserves: Bool
    /// The request shares that named no stored request (should be 0).
    public var unmatchedShares: Int
    public var clockOffsetSource: String
}

extension LiveAttribution {
    var configuredOffsetSource: String { config.logClockOffset == .zero ? "none configured" : "configured" }

    /// Attributes one window and writes it; nil (nothing written) when no
    /// domain has a sample in it — the host was down, or has not reached it.
    func compute(start: Timestamp, now: Timestamp, recomputed: Bool) throws -> WindowOutcome? {
        let end = start + options.window
        let domains = try store.domains().map(\.domain)
        let samples = try domains.flatMap { try windowSamples($0.id, from: start, to: end) }
        guard !samples.isEmpty else { return nil }
        var policy = config.attributionPolicy(for: domains)
        try refitIfDue(end: end, now: now, domains: domains, policy: policy)
        policy = fit.applied(to: policy)
        let slack = Duration.nanoseconds(abs(policy.logClockOffset.nanoseconds))
        let requests = try store.requests(host: host, overlapping: start - slack, to: end + slack)
        let idle = try trailingIdlePowers(end: end, domains: domains, requests: requests, policy: policy)
        for (id, estimate) in idle where policy.domains[id]?.idlePower == nil {
            policy.domains[id]?.idlePower = estimate.power
        }
        let result = Attributor(policy: policy).attribute(samples: samples, domains: domains, requests: requests)
        let record = makeRecord(
            result, start: start, end: end, now: now, samples: samples, idleSources: idle.mapValues(\.source),
            clockOffset: (policy.logClockOffset, fit.clockOffset?.source ?? configuredOffsetSource))
        let unmatched = try store.replaceAttributionWindow(record)
        let counted = Set(result.countedIndices)
        let books = result.ledgers.enumerated().filter { counted.contains($0.offset) }.map(\.element)
        return WindowOutcome(
            start: start, end: end, requests: record.shares.count, measured: books.map(\.measured).sum(),
            idle: books.map(\.idle).sum(), attributed: books.map(\.attributed).sum(),
            unattributed: books.map(\.unattributed).sum(), recomputed: recomputed,
            intervals: samples.count, conserves: result.conserves, unmatchedShares: unmatched,
            clockOffsetSource: record.clockOffsetSource)
    }

    /// Samples that ended in (from, to]: a sample ending exactly at a
    /// window's start ran in the window before.
    private func windowSamples(_ domain: DomainID, from: Timestamp, to: Timestamp) throws -> [EnergySample] {
        try store.samples(domain: domain, from: from + .nanoseconds(1), to: to + .nanoseconds(1))
    }

    /// Idle powers over the trailing lookback, where quiet intervals are more
    /// likely than in one quarter hour; configured ones stay as they are.
    private func trailingIdlePowers(
        end: Timestamp, domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy
    ) throws -> [DomainID: (power: Power, source: String)] {
        let from = end - options.idleLookback
        let samples = try domains.flatMap { try windowSamples($0.id, from: from, to: end) }
        let trailing = try store.requests(host: host, overlapping: from, to: end)
        let estimates = Attributor(policy: policy).idlePowers(samples: samples, domains: domains, requests: trailing)
        return estimates.mapValues { estimate in
            estimate.source == "configured" ? estimate : (estimate.power, "\(estimate.source), trailing hour")
        }
    }

    /// Every `refitEvery`, over the trailing `fitLookback`: detects the log
    /// clock's offset (`log_clock_offset = "auto"`) and fits the per-model
    /// coefficients (`learn_coefficients`).
    private func refitIfDue(end: Timestamp, now: Timestamp, domains: [Domain], policy: AttributionPolicy) throws {
        guard config.learnCoefficients || config.detectsLogClockOffset,
            fit.isDue(at: end, every: options.refitEvery)
        else { return }
        let from = end - options.fitLookback
        let samples = try domains.flatMap { try windowSamples($0.id, from: from, to: end) }
        let requests = try store.requests(host: host, overlapping: from, to: end)
        fit.fittedThrough = end
        var policy = policy
        if config.detectsLogClockOffset,
            let estimate = ClockOffsetEstimator.estimate(
                samples: samples, domains: domains, requests: requests, policy: policy)
        {
            fit.clockOffset = (
                estimate.offset,
                "detected over the trailing \(options.fitLookback.components.seconds / 3_600) h "
                    + "(score \(Decimals.fixed(estimate.score, 2)), margin \(Decimals.fixed(estimate.margin, 2)))"
            )
            policy.logClockOffset = estimate.offset
        }
        guard config.learnCoefficients,
            let result = CoefficientFit.fit(samples: samples, domains: domains, requests: requests, policy: policy)
        else { return }
        fit.result = result
        try store.saveCoefficients(
            host: host,
            result.coefficients.map { model, coefficients in
                StoredCoefficients(
                    model: model, fittedAt: now, coefficients: coefficients,
                    decodeBatchExponent: result.decodeBatchExponent, rSquared: result.rSquared,
                    intervals: result.intervals)
            }.sorted { $0.model < $1.model })
    }

    private func makeRecord(
        _ result: AttributionResult, start: Timestamp, end: Timestamp, now: Timestamp, samples: [EnergySample],
        idleSources: [DomainID: String], clockOffset: (offset: Duration, source: String)
    ) -> AttributionWindowRecord {
        let counted = result.countedIndices
        let countedSet = Set(counted)
        let books = result.domains.enumerated().map { index, domain in
            var ledger = result.ledgers[index]
            if let source = idleSources[domain.id] { ledger.idlePowerSource = source }
            return AttributionWindowRecord.Book(domain: domain, counted: countedSet.contains(index), ledger: ledger)
        }
        var shares: [AttributionWindowRecord.Share] = []
        for r in result.requests.indices {
            let (dynamic, idle) = result.totals(at: r, counted: counted)
            var parts: [(domain: DomainID, dynamic: Energy, idle: Energy)] = []
            for (d, domain) in result.domains.enumerated() where result.dynamic[d][r] != 0 || result.idle[d][r] != 0 {
                parts.append(
                    (domain.id, Energy(microjoules: result.dynamic[d][r]), Energy(microjoules: result.idle[d][r])))
            }
            guard !parts.isEmpty else { continue }
            let request = result.requests[r]
            shares.append(
                AttributionWindowRecord.Share(
                    start: request.start, id: request.id, dynamic: Energy(microjoules: dynamic),
                    idle: Energy(microjoules: idle), method: result.methods[r], domains: parts))
        }
        let coveredByDomain = Dictionary(grouping: samples, by: \.domain).mapValues { list in
            list.reduce(Duration.zero) { $0 + $1.elapsed }
        }
        let covered = counted.map { coveredByDomain[result.domains[$0].id] ?? .zero }.min() ?? .zero
        return AttributionWindowRecord(
            host: host, start: start, end: end, computedAt: now, clockOffset: clockOffset.offset,
            clockOffsetSource: clockOffset.source,
            covered: min(covered, options.window), requestCount: shares.count, books: books, shares: shares)
    }
}

/// What live attribution learned from the trailing data, refitted every hour.
struct LiveFit {
    var result: CoefficientFit.Result?
    /// Coefficients read back from the store at start, until the first fit.
    var stored: [String: ModelCoefficients] = [:]
    var storedExponent = 0.0
    var clockOffset: (offset: Duration, source: String)?
    var fittedThrough: Timestamp?

    init(stored rows: [StoredCoefficients]) {
        for row in rows { stored[row.model] = row.coefficients }
        storedExponent = rows.first?.decodeBatchExponent ?? 0
    }

    func isDue(at end: Timestamp, every: Duration) -> Bool {
        guard let fittedThrough else { return true }
        return end - fittedThrough >= every
    }

    /// `policy` with the learned offset, coefficients, γ and pool sharing.
    func applied(to policy: AttributionPolicy) -> AttributionPolicy {
        var learned = policy
        if let clockOffset { learned.logClockOffset = clockOffset.offset }
        if let result { return result.applied(to: learned) }
        learned.coefficients = stored
        learned.decodeBatchExponent = storedExponent
        return learned
    }
}
