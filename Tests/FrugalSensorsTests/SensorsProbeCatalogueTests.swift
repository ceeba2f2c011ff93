import Foundation
import FrugalCore
import FrugalProbes
import Testing

@testable import FrugalSensors

/// Replays every `Probes/` entry whose manifest says `"source": "libsensors"`
/// (`sensors -j` captured from a tree with `Probes/sensors-capture.sh`),
/// checks its expectations, compares with `expected.json`
/// (`FRUGAL_UPDATE_GOLDENS=1` rewrites it), and checks that the raw sysfs
/// reader gives the same sensors the same IDs.
@Suite struct SensorsProbeCatalogueTests {
    struct Manifest: Decodable {
        struct Expect: Decodable {
            var domains: [DomainID]
            var problems: [String]
            /// IDs only libsensors gives, and only the sysfs reader gives, with why.
            var libsensorsOnly: [String: String]
            var sysfsOnly: [String: String]
        }
        var source: String
        var snapshot: String
        /// The captured tree the snapshot was taken from, relative to the entry.
        var tree: String
        /// The lm-sensors configuration the snapshot was taken with, if not the host's.
        var config: String?
        var expect: Expect
    }

    static let probes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Probes")

    static func entries() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: probes.path)) ?? []
        return names.sorted().filter { name in
            struct Source: Decodable { var source: String }
            let url = probes.appendingPathComponent(name).appendingPathComponent("manifest.json")
            guard let data = try? Data(contentsOf: url) else { return false }
            return (try? JSONDecoder().decode(Source.self, from: data))?.source == "libsensors"
        }
    }

    static func manifest(_ entry: String) throws -> Manifest {
        let url = probes.appendingPathComponent(entry).appendingPathComponent("manifest.json")
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
    }

    static func replay(_ entry: String, _ manifest: Manifest) throws -> SensorsJSONReplay {
        let url = probes.appendingPathComponent(entry).appendingPathComponent(manifest.snapshot)
        return try SensorsJSONReplay(json: String(contentsOf: url, encoding: .utf8))
    }

    @Test func theCatalogueHasTheSensorsEntries() {
        #expect(Self.entries().count >= 4)
    }

    @Test(arguments: entries())
    func entryReplaysAsItsManifestAndGoldenSay(_ entry: String) throws {
        let manifest = try Self.manifest(entry)
        let source = SensorsSource(library: try Self.replay(entry, manifest))
        let discovery = source.discover()
        #expect(discovery.domains.map(\.id) == manifest.expect.domains)
        #expect(discovery.problems.map(\.location) == manifest.expect.problems)
        let report = SensorsReplayReport(discovery: discovery, readings: source.read())
        try compareWithGolden(
            report, at: Self.probes.appendingPathComponent(entry).appendingPathComponent("expected.json"))
    }

    @Test(arguments: entries())
    func libsensorsAndSysfsNameTheSameSensorAlike(_ entry: String) throws {
        let manifest = try Self.manifest(entry)
        let tree = Self.probes.appendingPathComponent(entry).appendingPathComponent(manifest.tree).standardized
        let sysfs = Set(
            HwmonSource(sysfsRoot: tree.path).discover().domains.map(\.id.rawValue).filter { $0.hasPrefix("hwmon:") })
        let libsensors = Set(
            SensorsSource(library: try Self.replay(entry, manifest)).discover().domains.map(\.id.rawValue))
        #expect(libsensors.subtracting(sysfs) == Set(manifest.expect.libsensorsOnly.keys))
        #expect(sysfs.subtracting(libsensors) == Set(manifest.expect.sysfsOnly.keys))
    }

    private func compareWithGolden(_ report: SensorsReplayReport, at url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let actual = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        if ProcessInfo.processInfo.environment["FRUGAL_UPDATE_GOLDENS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == golden, "replay differs from \(url.path); FRUGAL_UPDATE_GOLDENS=1 rewrites it")
    }
}

/// What `SensorsSource` makes of a snapshot: the golden's content.
struct SensorsReplayReport: Encodable {
    struct GoldenReading: Encodable {
        var energyMicrojoules: UInt64?
        var powerMicrowatts: Int64?
        var failure: ProbeFailure?
    }

    var discovery: Discovery
    var readings: [String: GoldenReading]

    init(discovery: Discovery, readings: [DomainID: Result<Reading, ProbeFailure>]) {
        self.discovery = discovery
        self.readings = [:]
        for (id, result) in readings {
            switch result {
            case .success(.energyCounter(let microjoules)):
                self.readings[id.rawValue] = GoldenReading(energyMicrojoules: microjoules)
            case .success(.power(let power)):
                self.readings[id.rawValue] = GoldenReading(powerMicrowatts: power.microwatts)
            case .failure(let failure): self.readings[id.rawValue] = GoldenReading(failure: failure)
            }
        }
    }
}
