import ArgumentParser
import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore

/// `frugal carbon backfill`: fill a range of quarters, best source first.
struct CarbonBackfill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Fill the store's grid intensity for a range: eCO2mix first, then the fallbacks.",
        discussion: """
            Fetches the consolidated dataset for the range and the real-time one for its last \
            7 days (unless --offline), stores what came back, then fills every quarter still \
            without a feed value from the bundled history, its same-quarter-hour profile or the \
            static factor, each row marked with its source. Feed values are never overwritten by \
            a fallback, and a consolidated value is never overwritten by a real-time one; run it \
            again later and better values replace worse ones. --from and --to are Paris days \
            (local midnight) or ISO 8601 instants; --to is excluded.

            Examples:
              frugal carbon backfill --from 2025-08-01 --to 2025-09-01
              frugal carbon backfill --from 2025-01-01 --to 2026-01-01 --offline --format json
            """)

    @OptionGroup var options: CarbonOptions

    @Option(help: ArgumentHelp("First day (Paris) or instant, included.", valueName: "day"))
    var from: String

    @Option(help: ArgumentHelp("Last day (Paris) or instant, excluded.", valueName: "day"))
    var to: String

    @Flag(help: "Do not fetch: fill from the bundled data and the static factor only.")
    var offline = false

    func validate() throws {
        let start = try CarbonOptions.parseTime(from, option: "--from")
        let end = try CarbonOptions.parseTime(to, option: "--to")
        guard start < end else { throw ValidationError("--to \(to) must come after --from \(from)") }
    }

    func run() throws {
        let settings = try options.load()
        let store = try options.openStore(settings)
        let start = try CarbonOptions.parseTime(from, option: "--from")
        let end = try CarbonOptions.parseTime(to, option: "--to")
        let now = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let writer = GridIntensityWriter(store: store, zone: settings.carbon.zone)
        var lines: [String] = []
        var json: [String: Any] = [:]
        var fetches: [[String: Any]] = []
        if !offline && settings.carbon.fetch {
            let client = CarbonOptions.client(settings)
            let recent = max(start, min(end, now - .seconds(7 * 86_400)))
            for (dataset, a, b) in [(ODREDataset.consolidated, start, end), (.realTime, recent, end)] where a < b {
                let result = client.fetch(dataset, from: a, to: b)
                let report = try writer.store(points: result.points, fetchedAt: now)
                lines += [CarbonReportText.fetchLine(result), CarbonReportText.reportLine(report)]
                fetches.append(
                    CarbonReportText.fetchJSON(result).merging(["store": CarbonReportText.reportJSON(report)]) { $1 })
            }
        }
        let filled = try writer.backfill(from: start, to: end, fallback: CarbonOptions.fallback(settings), now: now)
        lines.append("fallbacks  " + CarbonReportText.reportLine(filled).dropFirst(11))
        let rows = try store.gridIntensity(zone: settings.carbon.zone, from: start, to: end)
        var counts: [GridIntensitySource: Int] = [:]
        for row in rows { counts[row.source, default: 0] += 1 }
        lines.append(
            "quarters   \(rows.count) from \(TimeArgument.utcText(seconds: start.nanosecondsSinceEpoch / 1_000_000_000))"
                + " to \(TimeArgument.utcText(seconds: end.nanosecondsSinceEpoch / 1_000_000_000)) (UTC), by source:")
        for source in GridIntensitySource.allCases where counts[source] != nil {
            lines.append("           \(source.rawValue): \(counts[source]!) — \(source.explanation)")
        }
        json["fetches"] = fetches
        json["fallbacks"] = CarbonReportText.reportJSON(filled)
        json["quarters_by_source"] = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        try options.emit(lines.joined(separator: "\n"), json: json)
    }
}
