import ArgumentParser
import Foundation
import FrugalCore
import FrugalRuntime

/// `frugal probe`: what this host's power counters say, and what is missing.
struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every power domain of this host with one reading, and every missing one with why.",
        discussion: """
            Reads RAPL (powercap), hwmon and NVIDIA GPUs as the daemon would, once. Counters \
            show their value in µJ; with --window they are read twice and averaged into watts. \
            A domain that cannot be read is listed with the reason and the command that fixes it; \
            it is never shown as zero.

            Examples:
              frugal probe
              frugal probe --window 1s
              frugal probe --sysfs-root Probes/rapl-full-server/sys --format json
            """)

    @OptionGroup var host: HostOptions

    @Option(help: "text for people, json for scripts.")
    var format: OutputFormat = .text

    @Option(
        help: ArgumentHelp("Read counters twice this far apart to show average watts (e.g. 1s).", valueName: "duration")
    )
    var window: String = "0s"

    func validate() throws {
        guard let window = Quantities.duration(window), window <= .seconds(60) else {
            throw ValidationError("--window takes a duration up to 60s, such as 500ms or 1s")
        }
    }

    func run() throws {
        var config = try host.load()
        if host.sysfsRoot != nil { config.hwmon = config.hwmon == .off ? .off : .sysfs }
        let report = ProbeReport.take(
            sources: SourceSet.make(config: config), window: Quantities.duration(window) ?? .zero,
            sleep: { duration in Thread.sleep(forTimeInterval: Double(duration.nanoseconds) / 1e9) })
        switch format {
        case .text: print(report.text())
        case .json: print(try report.json())
        }
    }
}

extension ProbeReport {
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
