import FrugalCore
import FrugalReport
import FrugalStore

/// Times each of the report's store reads once (`--profile`).
func profileReads(store: SQLiteStore, month: ReportMonth) throws {
    let clock = ContinuousClock()
    func time(_ name: String, _ body: () throws -> Int) rethrows {
        let start = clock.now
        let rows = try body()
        print("| \(name) | \(clock.now - start) | \(rows) rows |")
    }
    let history = month.adding(-12).start
    print("| read | time | result |")
    print("| --- | --- | --- |")
    try time("usage lines (month)") {
        try store.reportUsageLines(zone: "FR", from: month.start, to: month.end).count
    }
    try time("usage without intensity (month)") {
        try store.reportUsageWithoutIntensity(zone: "FR", from: month.start, to: month.end).count
    }
    try time("quarter totals (13 months)") { try store.reportQuarterTotals(from: history, to: month.end).count }
    try time("book quarters (13 months)") { try store.reportBookQuarters(from: history, to: month.end).count }
    try time("book domains (month)") { try store.reportBookDomains(from: month.start, to: month.end).count }
    try time("coverage (month)") { try store.reportCoverage(from: month.start, to: month.end).count }
    try time("intensities (13 months)") { try store.reportIntensities(zone: "FR", from: history, to: month.end).count }
    try time("gaps (month)") { Int(try store.reportGaps(from: month.start, to: month.end).count) }
    try time("size groups (every 20th quarter)") {
        try store.reportSizeGroups(from: month.start, to: month.end, quarterStride: 20).count
    }
}
