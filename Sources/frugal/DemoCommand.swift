import ArgumentParser
import Foundation
import FrugalCore
import FrugalRuntime

/// `frugal demo`: see Frugal work with no hardware and no set-up.
struct Demo: ParsableCommand {
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
            simulator's truth. Same seed, same numbers.

            Examples:
              frugal demo
              frugal demo --seconds 14400 --output /tmp/demo
            """)

    @Option(help: ArgumentHelp("Where to write the demo's files (frugal.db, litellm.log).", valueName: "dir"))
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

    func run() throws {
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
