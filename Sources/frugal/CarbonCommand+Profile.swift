import ArgumentParser
import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore

/// `frugal carbon profile`: when the grid is cleanest, hour by hour over the week.
struct CarbonProfile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Mean grid intensity by weekday and hour (Paris) over recent weeks: when to run deferrable work.",
        discussion: """
            Averages the measured quarters stored for [carbon] zone (RTE consolidated and real-time \
            values, and the bundled eCO2mix history; fallback rows are left out) over the --weeks \
            weeks before --to, by weekday and hour of the Paris day, and names the cleanest \
            windows of --hours consecutive hours, one a weekday: the times to schedule batch \
            inference, embeddings or fine-tuning. Values in gCO2/kWh (RTE taux_co2, direct \
            emissions). With no measured quarter in the period it says so and exits 0: run \
            `frugal carbon backfill` or let the daemon fetch ([carbon] fetch).

            Examples:
              frugal carbon profile
              frugal carbon profile --weeks 8 --hours 3
              frugal carbon profile --to 2025-09-01 --format json
            """)

    @OptionGroup var options: CarbonOptions

    @Option(help: ArgumentHelp("How many weeks before --to to average (1 to 52).", valueName: "n"))
    var weeks = 4

    @Option(help: ArgumentHelp("End of the period: a Paris day or an instant (default: now).", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Length of the windows to find, in hours (1 to 12).", valueName: "n"))
    var hours = 4

    func validate() throws {
        guard (1...52).contains(weeks) else { throw ValidationError("--weeks takes 1 to 52") }
        guard (1...12).contains(hours) else { throw ValidationError("--hours takes 1 to 12") }
    }

    func run() throws {
        let settings = try options.load()
        let store = try options.openStore(settings)
        let end =
            try to.map { try CarbonOptions.parseTime($0, option: "--to") }
            ?? Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let start = end - .seconds(Int64(weeks) * 7 * 86_400)
        let profile = WeekProfile(rows: try store.gridIntensity(zone: settings.carbon.zone, from: start, to: end))
        let period =
            "\(TimeArgument.utcText(seconds: start.nanosecondsSinceEpoch / 1_000_000_000)) to "
            + TimeArgument.utcText(seconds: end.nanosecondsSinceEpoch / 1_000_000_000)
        let windows = profile.cleanestWindows(hours: hours, count: 7)
        try options.emit(
            text(profile, zone: settings.carbon.zone, period: period, windows: windows),
            json: json(profile, period: period, windows: windows))
    }

    private func text(_ profile: WeekProfile, zone: String, period: String, windows: [WeekProfile.Window]) -> String {
        guard let mean = profile.meanGramsPerKilowattHour else {
            return "No measured intensity for zone \(zone) from \(period).\n"
                + "Fill it with `frugal carbon backfill --from … --to …` (add --offline for the bundled history) "
                + "or let the daemon fetch eCO2mix ([carbon] fetch = true)."
        }
        let sources = profile.quartersBySource.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        var lines = [
            "Grid intensity by Paris weekday and hour, gCO2/kWh (RTE taux_co2, direct), \(period)",
            "over \(sources.joined(separator: ", ")) quarters; mean \(Decimals.fixed(mean, 1)) gCO2/kWh",
            "",
            "hour  " + WeekProfile.weekdayNames.map { " " + $0 + " " }.joined(),
        ]
        for hour in 0..<24 {
            let row = (0..<7).map { weekday -> String in
                let cell = profile.mean(weekday: weekday, hour: hour).map { Decimals.fixed($0, 0) } ?? "-"
                return String(repeating: " ", count: max(0, 4 - cell.count)) + cell + " "
            }
            lines.append((hour < 10 ? "0" : "") + "\(hour)h  " + row.joined())
        }
        lines.append("")
        lines.append("Cleanest \(hours)-hour windows, one a weekday (deferrable work: batch, embeddings, fine-tuning):")
        for window in windows {
            let end = (window.startHour + window.hours) % 24
            lines.append(
                "  \(WeekProfile.weekdayNames[window.weekday]) \(Self.hour(window.startHour))–\(Self.hour(end))  "
                    + "\(Decimals.fixed(window.meanGramsPerKilowattHour, 1)) gCO2/kWh "
                    + "(\(Decimals.fixed((1 - window.meanGramsPerKilowattHour / mean) * 100, 0)) % below the mean)")
        }
        if let dirtiest = profile.dirtiest {
            lines.append(
                "Dirtiest hour: \(WeekProfile.weekdayNames[dirtiest.weekday]) \(Self.hour(dirtiest.hour)), "
                    + "\(Decimals.fixed(dirtiest.meanGramsPerKilowattHour, 1)) gCO2/kWh")
        }
        return lines.joined(separator: "\n")
    }

    private func json(_ profile: WeekProfile, period: String, windows: [WeekProfile.Window]) -> [String: Any] {
        [
            "period": period, "weeks": weeks, "unit": "g_per_kwh", "quarters_by_source": profile.quartersBySource,
            "mean_g_per_kwh": profile.meanGramsPerKilowattHour as Any,
            "cells": profile.cells.map {
                [
                    "weekday": WeekProfile.weekdayNames[$0.weekday], "hour": $0.hour,
                    "mean_g_per_kwh": $0.meanGramsPerKilowattHour, "quarters": $0.quarters,
                ] as [String: Any]
            },
            "cleanest_windows": windows.map {
                [
                    "weekday": WeekProfile.weekdayNames[$0.weekday], "start_hour": $0.startHour, "hours": $0.hours,
                    "mean_g_per_kwh": $0.meanGramsPerKilowattHour,
                ] as [String: Any]
            },
        ]
    }

    static func hour(_ h: Int) -> String { (h < 10 ? "0" : "") + "\(h):00" }
}
