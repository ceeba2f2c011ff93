import FrugalCore

/// A reader of one kind of power counter (RAPL, hwmon, libsensors, NVML, a
/// replayed trace).
///
/// Sources only read: they answer "what do your counters say now?". The
/// sampler owns time: it schedules reads, stamps them and computes deltas.
/// A source keeps its files or library handles open between reads, so it is a
/// class owned by one task, not shared.
public protocol PowerSource: AnyObject {
    /// A short name for logs and `frugal probe` (`rapl`, `hwmon`, `nvml`, …).
    var name: String { get }

    /// Finds the domains this source can read, and reports the expected ones
    /// that are missing with why. Called at start and when the sampler
    /// rediscovers (a zone that appeared or vanished).
    func discover() -> Discovery

    /// Reads every discovered domain now. A domain that fails is a failure in
    /// the result, never a zero and never a thrown error for the whole source.
    func read() -> [DomainID: Result<Reading, ProbeFailure>]

    /// Reads `domains` (the IDs of the last discovery, in its order) now into
    /// `readings`, replacing its contents with one result per domain, in the
    /// same order: what `read()` says, without building a dictionary. A
    /// domain `read()` would leave out is an `.absent` failure. The default
    /// goes through `read()`; sources that keep their channels in discovery
    /// order fill the buffer directly, so a steady-state tick allocates nothing.
    func read(_ domains: [DomainID], into readings: inout [Result<Reading, ProbeFailure>])
}

extension PowerSource {
    public func read(_ domains: [DomainID], into readings: inout [Result<Reading, ProbeFailure>]) {
        readByID(domains, into: &readings)
    }

    /// `read(_:into:)` through `read()`'s dictionary.
    public func readByID(_ domains: [DomainID], into readings: inout [Result<Reading, ProbeFailure>]) {
        let all = read()
        readings.removeAll(keepingCapacity: true)
        for id in domains {
            readings.append(all[id] ?? .failure(ProbeFailure(.absent, "\(name) no longer reports \(id)")))
        }
    }
}

/// What a source found on the host.
public struct Discovery: Sendable, Hashable, Codable {
    public var domains: [Domain]
    /// Domains expected but missing or unreadable, with why and the fix.
    public var problems: [ProbeProblem]

    public init(domains: [Domain] = [], problems: [ProbeProblem] = []) {
        self.domains = domains
        self.problems = problems
    }

    public static func + (a: Discovery, b: Discovery) -> Discovery {
        Discovery(domains: a.domains + b.domains, problems: a.problems + b.problems)
    }
}

/// A domain that a source expected and could not use.
public struct ProbeProblem: Sendable, Hashable, Codable {
    /// The source that reports it (`rapl`, `hwmon`, …).
    public var source: String
    /// Where: a sysfs path relative to the root, a library name, a GPU index.
    public var location: String
    public var failure: ProbeFailure

    public init(source: String, location: String, failure: ProbeFailure) {
        self.source = source
        self.location = location
        self.failure = failure
    }
}
