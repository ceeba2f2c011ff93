import ArgumentParser
import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore

/// `frugal carbon now`: the current quarter's intensity and its source.
struct CarbonNow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "now",
        abstract: "Fetch the latest eCO2mix values and show the current quarter's intensity and its source.",
        discussion: """
            Fetches the last 6 hours of the real-time feed (unless --offline or carbon.fetch = false), \
            stores them, then resolves the current quarter hour. The feed publishes about an hour \
            late, so the current quarter is usually the latest stored value (source: cached).

            Examples:
              frugal carbon now
              frugal carbon now --offline --format json
            """)

    @OptionGroup var options: CarbonOptions

    @Flag(help: "Do not fetch: use what the store and the bundled data hold.")
    var offline = false

    func run() throws {
        let settings = try options.load()
        let store = try options.openStore(settings)
        let now = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        var fetched: ODREFetchResult?
        if !offline && settings.carbon.fetch {
            let result = CarbonOptions.client(settings).fetch(.realTime, from: now - .seconds(6 * 3_600), to: now)
            try GridIntensityWriter(store: store, zone: settings.carbon.zone).store(
                points: result.points, fetchedAt: now)
            fetched = result
        }
        let resolver = IntensityResolver(
            zone: settings.carbon.zone, store: store, fallback: CarbonOptions.fallback(settings))
        let resolved = try resolver.resolve(at: now)
        let quarter = QuarterHour.start(of: now).nanosecondsSinceEpoch / 1_000_000_000
        let lifecycle = settings.carbon.lifecycleIntensity
        let lifecycleValue = lifecycle.gramsPerKilowattHour(direct: resolved.gramsPerKilowattHour)
        var lines = [
            "quarter    \(TimeArgument.utcText(seconds: quarter))  Paris \(TimeArgument.parisText(seconds: quarter))",
            "direct     \(Decimals.fixed(resolved.gramsPerKilowattHour, 0)) gCO2/kWh"
                + "  source: \(resolved.source.rawValue) — \(resolved.source.explanation)",
        ]
        if settings.carbon.lifecycle {
            lines.append(
                "lifecycle  \(Decimals.fixed(lifecycleValue, 0)) gCO2e/kWh  = direct + "
                    + "\(Decimals.fixed(lifecycle.upstream.gramsPerKilowattHour, 2)) upstream (\(lifecycle.upstream.key)); "
                    + "source: \(lifecycle.upstream.source)")
        }
        if let fetched { lines.append(CarbonReportText.fetchLine(fetched)) }
        var json: [String: Any] = [
            "quarter_start_utc": TimeArgument.utcText(seconds: quarter),
            "direct": ["g_per_kwh": resolved.gramsPerKilowattHour, "source": resolved.source.rawValue],
            "lifecycle": [
                "g_per_kwh": lifecycleValue, "upstream_g_per_kwh": lifecycle.upstream.gramsPerKilowattHour,
                "source": lifecycle.upstream.source,
            ],
        ]
        if let fetched { json["fetch"] = CarbonReportText.fetchJSON(fetched) }
        try options.emit(lines.joined(separator: "\n"), json: json)
    }
}

/// Shared text and JSON pieces of `frugal carbon` outputs.
enum CarbonReportText {
    static func fetchLine(_ r: ODREFetchResult) -> String {
        var line =
            "fetch      \(r.points.count) values from \(r.dataset.rawValue), \(r.requests) requests, "
            + "\(r.retries) retries, \(r.missingQuarters.count) quarters without a value"
        for failure in r.failures {
            line +=
                "\n           failed \(TimeArgument.utcText(seconds: failure.from.nanosecondsSinceEpoch / 1_000_000_000))"
                + "…: \(failure.reason) (figures fall back, source marked)"
        }
        return line
    }

    static func fetchJSON(_ r: ODREFetchResult) -> [String: Any] {
        [
            "dataset": r.dataset.rawValue, "values": r.points.count, "requests": r.requests, "retries": r.retries,
            "missing_quarters": r.missingQuarters.count, "duplicate_rows": r.duplicateRows,
            "failures": r.failures.map { "\($0.reason)" },
        ]
    }

    static func reportJSON(_ r: GridUpsertReport) -> [String: Any] {
        ["inserted": r.inserted, "replaced": r.replaced, "unchanged": r.unchanged, "refused": r.refused]
    }

    static func reportLine(_ r: GridUpsertReport) -> String {
        "store      \(r.inserted) inserted, \(r.replaced) replaced (better source), \(r.unchanged) unchanged, "
            + "\(r.refused) kept (store had a better source)"
    }
}
