import ArgumentParser
import Foundation
import FrugalCore
import FrugalReport
import FrugalRuntime
import FrugalStore

/// `frugal demo`: see Frugal work with no hardware and no set-up.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a simulated GPU inference host through the whole pipeline and show what each request cost.",
        discussion: """
            The host is a captured two-socket server from Probes/ (8 RAPL zones, read by the real \
            RAPL reader as its counters advance) with 4 simulated H100 GPUs replayed through the \
            real NVML reader: two pinned to Llama 3.1 8B and Mistral Small 24B, two shared by Qwen3 8B \
            and Gemma 3 27B, serving five communes from 08:00 on Monday 12 October 2026 (Paris). \
            Every sample goes into a SQLite file; the gateway's LiteLLM log is written as requests end \
            and tailed by the real ingester; each quarter hour is attributed live once its log lines \
            had time to arrive. The figures are read back from the store and compared with the \
            simulator's truth. Same seed, same numbers. Last, the month's climate report for élus \
            (French, HTML) is written beside the store and its path printed.

            Examples:
              frugal demo
              frugal demo --seconds 14400 --output /tmp/demo
            """)

    @Option(
        help: ArgumentHelp(
            "Where to write the demo's files (frugal.db, litellm.log, rapport-2026-10.html).", valueName: "dir"))
    var output: String = "frugal-demo"

    @Option(help: ArgumentHelp("The Probes/ catalogue entry to replay.", valueName: "dir"))
    var entry: String?

    @Option(help: ArgumentHelp("Simulated seconds (7200 = two hours, eight quarter hours).", valueName: "n"))
    var seconds: Int = 7_200

    @Option(help: "Seed of the simulated workload.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard (900...(3 * 86_400)).contains(seconds) else {
            throw ValidationError("--seconds takes 900 (one quarter hour) to 259200 (three days)")
        }
    }

    func run() async throws {
        let entry = try self.entry.map(absolute) ?? ProbesLocator.find("rapl-full-server")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let options = DemoRun.Options(entry: entry, directory: absolute(output), seconds: seconds, seed: seed)
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: options.databasePath + suffix)
        }
        try? FileManager.default.removeItem(atPath: options.logPath)
        print("Replaying \(entry) with 4 simulated GPUs for \(seconds) s of simulated time…")
        fflush(nil)  // progress goes to stderr: keep this line above it
        let summary = try DemoRun.run(options) { event in
            switch event {
            case .simulated(let requests, let gpus):
                print("Simulated \(requests) requests on \(gpus) GPUs; attributing each quarter hour as it settles:")
            case .window(let outcome):
                print(DemoReport.line(outcome))
            case .progress(let done):
                FileHandle.standardError.write(Data("  \(done * 100 / seconds) % (\(done) s simulated)\n".utf8))
            }
            fflush(nil)
        }
        print(DemoReport.text(summary))
        let month = ReportMonth(containing: DemoRun.start)
        let report = try await writeReport(
            month: month, databasePath: summary.databasePath, directory: options.directory)
        print("")
        print("The month's climate report for élus (French): \(report)")
        print(
            "  as PDF: frugal report --month \(month) --format pdf --output \(options.directory)/rapport-\(month).pdf "
                + "--store sqlite:\(summary.databasePath)")
    }

    /// The demo month's report (HTML) beside the store, read back from it as
    /// `frugal report` reads it, with the same carbon defaults.
    private func writeReport(month: ReportMonth, databasePath: String, directory: String) async throws -> String {
        let database = try SQLiteStore(path: databasePath, options: .init(readOnly: true))
        defer { try? database.close() }
        let builder = ReportBuilder(
            store: database,
            carbon: CarbonReportInputs(staticGramsPerKilowattHour: CarbonSettings().staticGramsPerKilowattHour),
            equivalences: try EquivalenceTable.bundled(),
            options: .init(now: Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))))
        let path = "\(directory)/rapport-\(month).html"
        let html = try ReportTemplates.embedded().html(try await builder.build(month: month))
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Finds the Probes/ catalogue: next to the working directory, or above the binary.
enum ProbesLocator {
    static func find(_ entry: String) throws -> String {
        var candidates = [FileManager.default.currentDirectoryPath + "/Probes"]
        var binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(binary.appendingPathComponent("Probes").path)
            binary = binary.deletingLastPathComponent()
        }
        candidates.append("/usr/local/share/frugal/Probes")
        for dir in candidates where FileManager.default.fileExists(atPath: "\(dir)/\(entry)") {
            return "\(dir)/\(entry)"
        }
        throw ValidationError("cannot find Probes/\(entry): run from the repository, or pass --entry DIR")
    }
}
