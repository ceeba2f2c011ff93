import ArgumentParser
import Foundation
import FrugalRuntime

/// `frugal doctor`: what works here and how to fix what does not.
struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check this host: power counters, permissions, GPUs, the store and the clock.",
        discussion: """
            Each line says ok, warning or failure, and for anything short of ok the exact \
            command that fixes it. Exits 1 when any check fails.
            """)

    @OptionGroup var host: HostOptions

    @Option(help: "text for people, json for scripts.")
    var format: OutputFormat = .text

    func run() throws {
        let checks = FrugalRuntime.Doctor(config: try host.load()).run()
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(checks), as: UTF8.self))
        case .text:
            for check in checks {
                let mark =
                    switch check.status {
                    case .ok: "ok     "
                    case .warning: "warning"
                    case .failure: "FAILURE"
                    }
                print("\(mark)  \(check.name): \(check.detail)")
                if let fix = check.fix, check.status != .ok { print("         fix: \(fix)") }
            }
        }
        if checks.contains(where: { $0.status == .failure }) { throw ExitCode(1) }
    }
}
