import Foundation
import FrugalCore
import Testing

@testable import FrugalReport

/// The whole HTML page of the seeded store's October 2026, compared byte for
/// byte with `Goldens/report-2026-10.html`: any change to the figures, the
/// French formatting, the templates or the stylesheet shows up as a diff to
/// review. `FRUGAL_UPDATE_GOLDENS=1` rewrites the file.
@Suite struct GoldenReportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Goldens/report-2026-10.html")

    /// The clock the page is rendered at (it prints "Rapport établi le …"):
    /// Monday 2 November 2026, 09:00 in Paris, after the month has ended.
    static let now = Timestamp(secondsSinceEpoch: 1_793_606_400)

    @Test func theSeededMonthRendersAsTheGolden() async throws {
        let seeded = try SeededStore()
        let builder = ReportBuilder(
            store: seeded.store, carbon: ReportBuilderTests.carbon, equivalences: try EquivalenceTable.bundled(),
            options: .init(now: Self.now))
        let html = try ReportTemplates.embedded().html(try await builder.build(month: ReportBuilderTests.october))
        #expect(html.contains("Rapport établi le 2 novembre 2026"))
        if ProcessInfo.processInfo.environment["FRUGAL_UPDATE_GOLDENS"] == "1" {
            try Data(html.utf8).write(to: Self.golden)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        if let difference = Self.firstDifference(expected: expected, actual: html) {
            Issue.record(
                "the HTML differs from Goldens/\(Self.golden.lastPathComponent) (FRUGAL_UPDATE_GOLDENS=1 rewrites it; review the diff) \(difference)"
            )
        }
    }

    /// "at line N:" with the golden's line and the rendered one; nil when equal.
    static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : "(end of file)"
            let b = index < new.count ? String(new[index]) : "(end of file)"
            if a != b { return "at line \(index + 1):\n  golden:   \(a)\n  rendered: \(b)" }
        }
        return "in line endings or invisible characters"
    }

    @Test func theFirstDifferenceIsNamedByLine() {
        #expect(Self.firstDifference(expected: "a\nb\nc", actual: "a\nb\nc") == nil)
        #expect(
            Self.firstDifference(expected: "a\nb\nc", actual: "a\nB\nc") == "at line 2:\n  golden:   b\n  rendered: B")
        #expect(
            Self.firstDifference(expected: "a\nb", actual: "a\nb\nc")
                == "at line 3:\n  golden:   (end of file)\n  rendered: c")
    }
}
