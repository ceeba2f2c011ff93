import Foundation
import FrugalCore
import FrugalProbes
import Testing

@testable import FrugalNVML

/// Replays every `Probes/` entry whose manifest says `"source": "nvml"`,
/// checks the manifest's expectations, and compares the whole replay with the
/// entry's `expected.json` (`FRUGAL_UPDATE_GOLDENS=1` rewrites it).
@Suite struct NVMLProbeCatalogueTests {
    struct Manifest: Decodable {
        struct Expect: Decodable {
            struct ExpectedDomain: Decodable {
                var id: DomainID
                var kind: DomainKind
                var method: MeasurementMethod
            }
            struct ExpectedFailure: Decodable {
                var id: String
                var fromStep: Int
                var kind: ProbeFailure.Kind
            }
            var steps: Int
            var domains: [ExpectedDomain]
            var problems: [String]
            var failures: [ExpectedFailure]?
        }
        var source: String
        var trace: String
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
            return (try? JSONDecoder().decode(Source.self, from: data))?.source == "nvml"
        }
    }

    @Test func theCatalogueHasTheNVMLEntries() {
        #expect(Self.entries().contains("nvml-zeus-idle"))
        #expect(Self.entries().contains("nvml-synthetic-8gpu"))
    }

    @Test(arguments: entries())
    func entryReplaysAsItsManifestAndGoldenSay(_ entry: String) throws {
        let folder = Self.probes.appendingPathComponent(entry)
        let manifest = try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        let trace = try NVMLTrace(contentsOfFile: folder.appendingPathComponent(manifest.trace).path)
        let report = NVMLReplayReport(trace: trace)

        #expect(report.steps.count == manifest.expect.steps)
        #expect(report.discovery.domains.map(\.id) == manifest.expect.domains.map(\.id))
        #expect(report.discovery.domains.map(\.kind) == manifest.expect.domains.map(\.kind))
        #expect(report.discovery.domains.map(\.method) == manifest.expect.domains.map(\.method))
        #expect(report.discovery.problems.map(\.location) == manifest.expect.problems)
        for step in report.steps {
            for (id, reading) in step.readings {
                let expected = manifest.expect.failures?.first { $0.id == id && step.index >= $0.fromStep }
                #expect(reading.failure?.kind == expected?.kind, "\(entry) step \(step.index) \(id)")
            }
        }
        try compareWithGolden(report, at: folder.appendingPathComponent("expected.json"))
    }

    private func compareWithGolden(_ report: NVMLReplayReport, at url: URL) throws {
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

/// What `NVMLSource` makes of a trace, step by step: the golden's content.
struct NVMLReplayReport: Encodable {
    struct Step: Encodable {
        var index: Int
        var timestampNanoseconds: Int64
        var readings: [String: GoldenReading]
    }
    struct GoldenReading: Encodable {
        var energyMicrojoules: UInt64?
        var powerMicrowatts: Int64?
        var failure: ProbeFailure?
    }

    var discovery: Discovery
    var steps: [Step]

    init(trace: NVMLTrace) {
        let replay = ReplayNVML(trace: trace)
        let source = NVMLSource(library: replay)
        discovery = source.discover()
        steps = (0..<replay.stepCount).map { index in
            replay.step(to: index)
            var readings: [String: GoldenReading] = [:]
            for (id, result) in source.read() {
                switch result {
                case .success(.energyCounter(let microjoules)):
                    readings[id.rawValue] = GoldenReading(energyMicrojoules: microjoules)
                case .success(.power(let power)):
                    readings[id.rawValue] = GoldenReading(powerMicrowatts: power.microwatts)
                case .failure(let failure): readings[id.rawValue] = GoldenReading(failure: failure)
                }
            }
            return Step(index: index, timestampNanoseconds: replay.timestamp.nanosecondsSinceEpoch, readings: readings)
        }
    }
}
