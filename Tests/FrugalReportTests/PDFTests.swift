import Foundation
import Testing

@testable import FrugalReport

/// Needs Chromium and pdftoppm/pdftotext (poppler-utils): skipped without
/// them unless FRUGAL_REQUIRE_TOOLS=1, which turns a missing tool into a failure.
@Suite struct PDFTests {
    static let required = ProcessInfo.processInfo.environment["FRUGAL_REQUIRE_TOOLS"] == "1"
    static let available =
        (try? PDFPrinter.locate()) != nil && Tools.find("pdftoppm") != nil
        && Tools.find("pdftotext") != nil

    @Test(.enabled(if: available || required)) func pdfHasTheHeadlineAndAPageOneThatIsNotBlank() async throws {
        let printer = try PDFPrinter.locate()
        // FRUGAL_REPORT_KEEP=DIR keeps the PDF, its text and page PNGs there for review.
        let keep = ProcessInfo.processInfo.environment["FRUGAL_REPORT_KEEP"]
        let directory =
            keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("frugal-pdf-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let f = try await ReportBuilderTests.build()
        try printer.print(html: try ReportTemplates.embedded().html(f), to: directory + "/r.pdf")
        try Tools.run(
            try #require(Tools.find("pdftotext")), arguments: ["-layout", directory + "/r.pdf", directory + "/r.txt"],
            timeoutSeconds: 30)
        let text = try String(contentsOfFile: directory + "/r.txt", encoding: .utf8)
        #expect(text.contains("Rapport climat de l'IA — octobre 2026"))
        #expect(text.contains("5,30"))
        #expect(text.contains(FrenchFormat.integer(f.headline.requests)))
        let pages = try PDFPrinter.pages(pdf: directory + "/r.pdf", prefix: directory + "/page", dpi: 40)
        #expect(pages.count >= 4)
        // A blank page PNG compresses to almost nothing; page 1 carries text and boxes.
        let size = try FileManager.default.attributesOfItem(atPath: try #require(pages.first))[.size] as? Int ?? 0
        #expect(size > 8_000)
    }

    @Test func aMissingChromiumNamesThePackage() {
        #expect(throws: ReportError.missingTool(tool: "chromium", package: "chromium")) {
            try PDFPrinter.locate(environment: ["PATH": "/nonexistent"])
        }
        #expect(
            ReportError.missingTool(tool: "chromium", package: "chromium").description.contains(
                "apt-get install chromium"))
    }
}
