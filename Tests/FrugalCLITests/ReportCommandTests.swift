import Foundation
import Testing

/// The real `frugal report` binary on a small real store: the one `frugal
/// demo` writes for a quarter hour of a simulated host (October 2026).
@Suite("frugal report, end to end", .serialized, RemovesDemoDirectory())
struct ReportCommandTests {
    /// Where the demo writes, removed when the suite ends.
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-report-\(UUID())")

    /// The demo's store, made once for the suite, and what the demo said.
    static let demo: (directory: URL, result: Harness.Result?) = {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try? Harness.run(Harness.frugal, ["demo", "--seconds", "900", "--output", directory.path])
        return (directory, result)
    }()

    static var store: String { "sqlite:" + demo.directory.appendingPathComponent("frugal.db").path }

    static func report(_ arguments: [String]) throws -> Harness.Result {
        let demo = try #require(Self.demo.result)
        try #require(demo.status == 0, "frugal demo failed: \(demo.stderr)")
        return try Harness.run(Harness.frugal, ["report", "--store", store] + arguments)
    }

    @Test func theDemoEndsByWritingTheMonthsReport() throws {
        let demo = try #require(Self.demo.result)
        #expect(demo.status == 0, "\(demo.stderr)")
        let path = Self.demo.directory.appendingPathComponent("rapport-2026-10.html").path
        #expect(demo.stdout.contains("climate report for élus (French): \(path)"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("octobre 2026"))
    }

    @Test func htmlNamesTheCommunesNotTheirKeys() throws {
        let out = Self.demo.directory.appendingPathComponent("r.html").path
        let result = try Self.report(["--month", "2026-10", "--output", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(out)"))
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("L'essentiel du mois"))
        #expect(html.contains("commune-rennes"))
        #expect(!html.contains("key:"), "a tenant reads as its LiteLLM key hash")
    }

    @Test func jsonCarriesTheHeadlineAndLifecycleAboveDirect() throws {
        let result = try Self.report(["--month", "2026-10", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["month"] as? String == "2026-10")
        let headline = try #require(document["headline"] as? [String: Any])
        let requests = try #require(headline["requests"] as? Int)
        #expect(requests > 0)
        let direct = try #require(headline["co2eDirectKg"] as? Double)
        let lifecycle = try #require(headline["co2eLifecycleKg"] as? Double)
        #expect(direct > 0 && lifecycle > direct)
        let tenants = try #require(document["tenants"] as? [[String: Any]])
        let names = Set(tenants.compactMap { $0["name"] as? String })
        #expect(names.isSuperset(of: ["commune-rennes", "metropole-nantes"]), "\(names)")
    }

    @Test func csvIsForFrenchSpreadsheets() throws {
        let out = Self.demo.directory.appendingPathComponent("r.csv").path
        let result = try Self.report(["--month", "2026-10", "--format", "csv", "--output", out])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("section;nom;indicateur;valeur;unite"))
        #expect(text.contains("synthese;tout le service;emissions_cycle_de_vie;"))
        #expect(text.contains("commune;commune-brest;requetes;"))
    }

    @Test func pdfWhenChromiumIsHere() throws {
        guard Harness.available("chromium") && Harness.available("pdftotext") else { return }
        let out = Self.demo.directory.appendingPathComponent("r.pdf").path
        let result = try Self.report(["--month", "2026-10", "--format", "pdf", "--output", out])
        #expect(result.status == 0, "\(result.stderr)")
        let text = Self.demo.directory.appendingPathComponent("r.txt").path
        let converted = try Harness.run("pdftotext", ["-layout", out, text])
        #expect(converted.status == 0)
        let content = try String(contentsOfFile: text, encoding: .utf8)
        #expect(content.contains("octobre 2026"))
        #expect(content.contains("commune-rennes"))
    }

    /// A month with nothing stored: an honest report, exit 0.
    @Test func anEmptyMonthIsSaidSo() throws {
        let result = try Self.report(["--month", "2025-03"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Aucune donnée n'a été enregistrée pour ce mois"))
        #expect(result.stdout.contains("mars 2025"))
    }

    @Test(arguments: ["2026-13", "2026-1", "octobre", ""])
    func aBadMonthIsAUsageError(month: String) throws {
        let result = try Self.report(["--month", month])
        #expect(result.status == 64)
        #expect(result.stderr.contains("expected YYYY-MM, e.g. --month 2026-10"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

/// Removes the demo's folder once the whole suite has run.
struct RemovesDemoDirectory: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        defer { try? FileManager.default.removeItem(at: ReportCommandTests.directory) }
        try await function()
    }
}
