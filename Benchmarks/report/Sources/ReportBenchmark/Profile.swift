import FrugalCore
import FrugalReport
import FrugalStore

/// Times each of the report's store reads once (`--profile`).
func profileReads(store: SQLiteStore, month: ReportMonth) async throws {
    let clock = ContinuousClock()
    func time(_ name: String, _ body: () async throws -> Int) async rethrows {
        let start = clock.now
        let rows = try await body()
        print("| \(name) | \(clock.now - start) | \(rows) rows |")
    }
    let history = month.adding(-12).start
    print("| read | time | result |")
    print("| --- | --- | --- |")
    try await time("usage lines (month)") {
        try await store.reportUsageLines(zone: "FR", from: month.start, to: month.end).count
    }
    try await time("usage without intensity (month)") {
        try await store.reportUsageWithoutIntensity(zone: "FR", from: month.start, to: month.end).count
    }
    try await time("quarter totals (13 months)") {
        try await store.reportQuarterTotals(from: history, to: month.end).count
    }
    try await time("book quarters (13 months)") {
        try await store.reportBookQuarters(from: history, to: month.end).count
    }
    try await time("book domains (month)") { try await store.reportBookDomains(from: month.start, to: month.end).count }
    try await time("coverage (month)") { try await store.reportCoverage(from: month.start, to: month.end).count }
    try await time("intensities (13 months)") {
        try await store.reportIntensities(zone: "FR", from: history, to: month.end).count
    }
    try await time("gaps (month)") {
        Int(try await store.reportGaps(from: month.start, to: month.end, host: nil).count)
    }
    try await time("size groups (every 20th quarter)") {
        try await store.reportSizeGroups(from: month.start, to: month.end, quarterStride: 20).count
    }
}
