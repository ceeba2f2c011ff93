import Foundation
import FrugalCore
import FrugalProbes

/// The hardware catalogue under `Probes/`: one folder per captured machine or
/// hand-built broken tree, each with `sys/`, `manifest.json` and the golden
/// `expected.json` (optionally `timeline.tsv`).
enum Catalogue {
    /// `Probes/`, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Probes")

    /// Every sysfs entry: each folder of `Probes/` that holds `sys/`, sorted
    /// (other entries, such as NVML traces, have their own replay test).
    static func entries() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root.path + "/" + name + "/sys", isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    static var updatingGoldens: Bool { ProcessInfo.processInfo.environment["FRUGAL_UPDATE_GOLDENS"] == "1" }

    /// JSON with sorted keys, indented, slashes unescaped: stable for review.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// What an entry's `manifest.json` says: what it tests and what the probes must find.
struct Manifest: Decodable {
    struct Expect: Decodable {
        /// Domains found by RAPL and hwmon together.
        var domains: Int?
        /// Problems reported by RAPL and hwmon together.
        var problems: Int?
    }

    var description: String
    /// Files (relative to `sys/`) made unreadable before reading: root-only counters.
    var denied: [String]?
    var expect: Expect?

    static func load(entry: String) throws -> Manifest {
        let data = try Data(contentsOf: Catalogue.root.appendingPathComponent(entry + "/manifest.json"))
        return try JSONDecoder().decode(Manifest.self, from: data)
    }
}

/// One reading as written in a golden file.
struct GoldenReading: Codable, Equatable {
    var energyMicrojoules: UInt64?
    var powerMicrowatts: Int64?
    var failure: ProbeFailure?

    init(_ result: Result<Reading, ProbeFailure>) {
        switch result {
        case .success(.energyCounter(let value)): energyMicrojoules = value
        case .success(.power(let power)): powerMicrowatts = power.microwatts
        case .failure(let failure): self.failure = failure
        }
    }
}

/// The golden `expected.json` of an entry.
struct Golden: Codable, Equatable {
    struct Step: Codable, Equatable {
        var step: Int
        /// What `read()` of the sources discovered at step 0 returns.
        var readings: [String: GoldenReading]
        /// What the sampler makes of each energy counter, through `EnergyCounter`.
        var counters: [String: String]
        /// The domains a fresh discovery finds at this step.
        var rediscovered: [String]
    }

    /// Per source name (`rapl`, `hwmon`).
    var discovery: [String: Discovery]
    /// One read of a static entry.
    var readings: [String: GoldenReading]?
    /// The read after each step of a timeline (step 0 is the tree as captured).
    var steps: [Step]?

    var allDomains: [Domain] { discovery.values.flatMap(\.domains) }
    var allProblems: [ProbeProblem] { discovery.values.flatMap(\.problems) }
}
