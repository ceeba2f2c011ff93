import Foundation
import Testing

@testable import FrugalReport

@Suite struct EquivalenceTests {
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func factorsAreTheSumsOfTheImpactCO2Components() throws {
        let table = try EquivalenceTable.bundled()
        let bySlug = Dictionary(uniqueKeysWithValues: table.items.map { ($0.slug, $0) })
        // Sums written down in the shared data's factors.csv (not used by the code).
        #expect(abs(try #require(bySlug["voiturethermique"]).kilogramsPerUnit - 0.2176) < 1e-12)
        #expect(abs(try #require(bySlug["tgv"]).kilogramsPerUnit - 0.00293) < 1e-12)
        #expect(abs(try #require(bySlug["streamingvideo"]).kilogramsPerUnit - 0.06401675291) < 1e-12)
        #expect(bySlug["tgv"]?.empreinteID == "43256")
        #expect(bySlug["streamingvideo"]?.components.count == 5)
    }

    @Test func quantitiesAreRecomputedFromTheFactors() throws {
        let table = try EquivalenceTable.bundled()
        let items = table.equivalences(directGrams: 1_000, lifecycleGrams: 2_176)
        let car = try #require(items.first { $0.slug == "voiturethermique" })
        #expect(abs(car.quantity - 10) < 1e-9)
        #expect(car.fromLifecycle)
        let direct = table.equivalences(directGrams: 64.01675291, lifecycleGrams: nil)
        #expect(abs(try #require(direct.first { $0.slug == "streamingvideo" }).quantity - 1) < 1e-9)
        #expect(direct.allSatisfy { !$0.fromLifecycle })
    }

    /// The EmbedReportFiles build plugin compiles these files in at every
    /// build: the binary's copies are the repository's, byte for byte.
    @Test func theEmbeddedCopiesMatchTheFilesInTheRepository() throws {
        func read(_ path: String) throws -> String {
            try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(EmbeddedFiles.equivalencesCSV + "\n" == (try read("Data/equivalences/impactco2.csv")))
        #expect(EmbeddedFiles.reportTemplate + "\n" == (try read("Dashboards/report/report.mustache")))
        #expect(EmbeddedFiles.annexTemplate + "\n" == (try read("Dashboards/report/annex.mustache")))
        #expect(EmbeddedFiles.tableTemplate + "\n" == (try read("Dashboards/report/table.mustache")))
        #expect(EmbeddedFiles.stylesheet + "\n" == (try read("Dashboards/report/report.css")))
    }

    @Test func badDataIsRefusedWithTheLine() {
        #expect(throws: ReportError.badData("equivalences line 2: expected 8 fields with a number in the 5th")) {
            try EquivalenceTable(csv: "header\na,b,c,d,notanumber,f,g,h\n")
        }
    }
}
