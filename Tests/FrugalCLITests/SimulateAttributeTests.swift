import Foundation
import Testing

/// The whole chain on a simulated host: the simulator writes counters, four
/// gateway logs and the truth; `frugal attribute` reads them back.
@Suite("simulate → attribute, end to end", .serialized)
struct SimulateAttributeTests {
    struct Summary: Decodable {
        struct Group: Decodable {
            var name: String
            var requests: Int
            var dynamicJoules: Double
            var fullCostJoules: Double
        }
        var models: [Group]
        var conserves: Bool
    }

    @Test func theOutputIsWrittenInPlaceNotRenamedOverThePath() throws {
        // A path that is a link (or /dev/null) stays what it is: the file is opened and
        // truncated, never replaced by a renamed temporary file.
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try Harness.run(
            Harness.frugal,
            ["simulate", "--scenario", "light-pinned", "--seconds", "120", "--start-hour", "10", "--output", dir.path])
        #expect(sim.status == 0, "\(sim.stderr)")
        let target = dir.appendingPathComponent("target.jsonl").path
        let link = dir.appendingPathComponent("link.jsonl").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = try Harness.run(
            Harness.frugal,
            [
                "attribute", "--samples", dir.appendingPathComponent("counters.csv").path, "--requests",
                dir.appendingPathComponent("logs/jsonl.log").path, "--output", link,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let kind = try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
        #expect(kind == .typeSymbolicLink)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)).count > 0)
    }

    @Test func everyFormatGivesTheSameBooksAndTheTruthIsClose() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try Harness.run(
            Harness.frugal,
            ["simulate", "--scenario", "heavy-shared", "--seconds", "900", "--start-hour", "10", "--output", dir.path])
        #expect(sim.status == 0, "\(sim.stderr)")
        var perFormat: [String: [String: Double]] = [:]
        var fullCost: [String: [String: Double]] = [:]
        for format in ["litellm", "albert", "nginx", "jsonl"] {
            let out = dir.appendingPathComponent("attr-\(format).jsonl").path
            let result = try Harness.run(
                Harness.frugal,
                [
                    "attribute", "--samples", dir.appendingPathComponent("counters.csv").path, "--requests",
                    dir.appendingPathComponent("logs/\(format).log").path, "--output", out,
                ])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout.contains("(0 rejected, 0 duplicates)"), "\(format): \(result.stdout)")
            #expect(result.stdout.contains("Conservation: exact to the microjoule in every domain."))
            let summary = try JSONDecoder().decode(
                Summary.self, from: Data(contentsOf: URL(fileURLWithPath: out + ".summary.json")))
            #expect(summary.conserves)
            perFormat[format] = Dictionary(uniqueKeysWithValues: summary.models.map { ($0.name, $0.dynamicJoules) })
            fullCost[format] = Dictionary(uniqueKeysWithValues: summary.models.map { ($0.name, $0.fullCostJoules) })
        }
        // The four logs describe the same requests: each model's full cost
        // agrees (nginx logs milliseconds and no first token, which moves the
        // idle allocation a little).
        let reference = try #require(fullCost["jsonl"])
        #expect(reference.count == 2)
        for (format, models) in fullCost {
            for (model, joules) in reference {
                let other = try #require(models[model], "\(format) lacks \(model)")
                #expect(abs(other - joules) / joules < 0.05, "\(format) \(model): \(other) J vs \(joules) J")
            }
        }
        // The formats that log first-token times also agree on the split
        // between idle and dynamic energy; nginx cannot log one, and on a
        // window busy throughout that split rests on the idle estimate.
        for format in ["litellm", "albert"] {
            for (model, joules) in try #require(perFormat["jsonl"]) {
                let other = try #require(perFormat[format]?[model])
                #expect(abs(other - joules) / joules < 0.03, "\(format) \(model): \(other) J dynamic vs \(joules) J")
            }
        }
    }
}
