import Foundation
import FrugalCore
import FrugalProbes
import Testing

/// Replays every entry of the hardware catalogue (`Probes/*`) through the real
/// RAPL and hwmon readers and compares with its golden `expected.json`.
/// `FRUGAL_UPDATE_GOLDENS=1 swift test --filter FrugalProbesTests` rewrites the goldens.
@Suite struct CatalogueTests {
    @Test func catalogueHasTheBrokenTrees() {
        let entries = Set(Catalogue.entries())
        for name in [
            "node-exporter-fixture", "kepler-fixture", "rapl-permission-denied", "rapl-missing-range",
            "rapl-garbage", "rapl-counter-backwards", "rapl-wrap", "rapl-zone-vanishes", "rapl-full-server",
            "hwmon-acpi-power-meter", "empty",
        ] {
            #expect(entries.contains(name), "Probes/\(name) is missing")
        }
    }

    @Test(arguments: Catalogue.entries())
    func entryMatchesGolden(_ entry: String) throws {
        let folder = Catalogue.root.appendingPathComponent(entry)
        let manifest = try Manifest.load(entry: entry)
        #expect(!manifest.description.isEmpty, "\(entry)/manifest.json needs a description")
        let golden = try CatalogueReplay.render(entryPath: folder.path, denied: manifest.denied ?? [])
        if let domains = manifest.expect?.domains {
            #expect(golden.allDomains.count == domains, "\(entry): domains")
        }
        if let problems = manifest.expect?.problems {
            #expect(golden.allProblems.count == problems, "\(entry): problems")
        }
        let rendered = try Catalogue.encode(golden)
        let goldenURL = folder.appendingPathComponent("expected.json")
        if Catalogue.updatingGoldens {
            try rendered.write(to: goldenURL, atomically: true, encoding: .utf8)
            return
        }
        let stored = try #require(
            try? String(contentsOf: goldenURL, encoding: .utf8),
            "\(entry)/expected.json is missing: run FRUGAL_UPDATE_GOLDENS=1 swift test and review the diff")
        #expect(rendered == stored, "\(entry): output differs from expected.json")
    }
}
