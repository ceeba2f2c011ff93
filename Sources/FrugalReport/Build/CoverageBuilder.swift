import FrugalCore
import FrugalStore

/// What the figures cover: measured components or whole node, idle, PUE,
/// time covered by samples, gaps, and which intensities converted the energy.
struct CoverageBuilder {
    let store: any ReportReading
    let table: IntensityTable
    let options: ReportBuilder.Options

    func coverage(
        month: ReportMonth, periodEnd: Timestamp, quarters: [CountedQuarter], domains: [ReportRows.BookDomain]
    ) async throws -> Coverage {
        let counted = domains.filter(\.counted)
        let measured = counted.reduce(Int64(0)) { $0 + $1.measured.microjoules }
        func share(_ part: Int64) -> Double? { measured > 0 ? Double(part) / Double(measured) : nil }
        let elapsed = max(0, (periodEnd - month.start).nanoseconds)
        let hosts = try await store.reportCoverage(from: month.start, to: month.end, host: options.host).map { host in
            Coverage.HostLine(
                host: host.host, windows: host.windows, coveredHours: Double(host.covered.nanoseconds) / 3.6e12,
                coverageFraction: elapsed > 0 ? min(1, Double(host.covered.nanoseconds) / Double(elapsed)) : 0)
        }
        let gaps = try await store.reportGaps(from: month.start, to: month.end, host: options.host)
        var ledger = IntensityLedger()
        for quarter in quarters where quarter.start >= month.start && quarter.start < month.end {
            ledger.add(quarter.energy, table.value(at: quarter.start))
        }
        let coveredNanoseconds = hosts.reduce(0.0) { $0 + $1.coveredHours * 3.6e12 }
        return Coverage(
            wholeNode: counted.contains { $0.kind == "node" },
            measuredKinds: Dictionary(grouping: counted, by: \.kind).map {
                Coverage.KindCount(kind: $0.key, count: $0.value.count)
            }
            .sorted { $0.kind < $1.kind },
            powerUsageEffectiveness: options.powerUsageEffectiveness, idleIncluded: true,
            idleShare: share(counted.reduce(0) { $0 + $1.idle.microjoules }),
            unattributedShare: share(counted.reduce(0) { $0 + $1.unattributed.microjoules }),
            coverageFraction: hosts.isEmpty || elapsed == 0
                ? nil : min(1, coveredNanoseconds / (Double(hosts.count) * Double(elapsed))),
            hosts: hosts, gapCount: gaps.count, gapHours: Double(gaps.total.nanoseconds) / 3.6e12,
            fallbackIntensityShare: ledger.share(ledger.fallbackMicrojoules + ledger.unconvertedMicrojoules),
            intensitySources: ledger.sources, idleSources: Set(counted.map(\.idleSource)).sorted())
    }
}
