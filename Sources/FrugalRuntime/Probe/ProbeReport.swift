import FrugalCore
import FrugalProbes

/// What `frugal probe` shows: every domain found with one reading, and every
/// expected domain that is missing, with why and the fix.
public struct ProbeReport: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var id: DomainID
        public var kind: DomainKind
        public var name: String
        public var source: String
        public var method: MeasurementMethod
        public var parent: DomainID?
        public var location: String
        /// The counter in µJ, for energy counters read successfully.
        public var energyMicrojoules: UInt64?
        /// The power in µW: read directly, or averaged over the probe window.
        public var powerMicrowatts: Int64?
        /// Why this domain could not be read now.
        public var failure: ProbeFailure?
    }

    public var entries: [Entry]
    public var problems: [ProbeProblem]
    /// The window over which counter power was averaged, in ms (0: one read).
    public var windowMilliseconds: Int64

    /// Discovers every source, reads once, and, with a window, reads again to
    /// turn counters into an average power.
    public static func take(sources: SourceSet, window: Duration, sleep: (Duration) -> Void) -> ProbeReport {
        var discovery = Discovery(problems: sources.problems)
        var first: [DomainID: Result<Reading, ProbeFailure>] = [:]
        for source in sources.sources {
            discovery = discovery + source.discover()
            first.merge(source.read()) { a, _ in a }
        }
        var second: [DomainID: Result<Reading, ProbeFailure>] = [:]
        if window > .zero {
            sleep(window)
            for source in sources.sources { second.merge(source.read()) { a, _ in a } }
        }
        let entries = discovery.domains.sorted { $0.id < $1.id }.map { domain in
            entry(domain, first[domain.id], second[domain.id], window: window)
        }
        return ProbeReport(
            entries: entries, problems: discovery.problems, windowMilliseconds: window.nanoseconds / 1_000_000)
    }

    private static func entry(
        _ domain: Domain, _ first: Result<Reading, ProbeFailure>?, _ second: Result<Reading, ProbeFailure>?,
        window: Duration
    ) -> Entry {
        var entry = Entry(
            id: domain.id, kind: domain.kind, name: domain.name, source: domain.source, method: domain.method,
            parent: domain.parent, location: domain.location)
        switch first ?? .failure(ProbeFailure(.absent, "not reported by its source")) {
        case .failure(let failure):
            entry.failure = failure
        case .success(.power(let power)):
            entry.powerMicrowatts = power.microwatts
        case .success(.energyCounter(let value)):
            entry.energyMicrojoules = value
            if case .success(.energyCounter(let later))? = second {
                var counter = EnergyCounter(range: domain.counterRangeMicrojoules)
                _ = counter.update(value)
                entry.powerMicrowatts = counter.update(later).energy?.averagePower(over: window)?.microwatts
            }
        }
        return entry
    }
}
