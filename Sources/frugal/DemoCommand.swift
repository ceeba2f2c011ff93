import ArgumentParser
import Foundation
import FrugalCore
import FrugalRuntime

/// `frugal demo`: see Frugal work with no hardware and no set-up.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay a simulated GPU inference host for an hour and show what Frugal measured.",
        discussion: """
            The host is a captured two-socket server from Probes/ (8 RAPL zones, read by the real \
            RAPL reader as its counters advance) with 4 simulated H100 GPUs replayed through the \
            real NVML reader. Every sample goes into a SQLite file, and the figures below are read \
            back from it. Same seed, same numbers.
            """)

    @Option(help: ArgumentHelp("Where to write the demo's files.", valueName: "dir"))
    var output: String = "frugal-demo"

    @Option(help: ArgumentHelp("The Probes/ catalogue entry to replay.", valueName: "dir"))
    var entry: String?

    @Option(help: ArgumentHelp("Simulated seconds (3600 = one hour).", valueName: "n"))
    var seconds: Int = 3_600

    @Option(help: "Seed of the simulated workload.")
    var seed: UInt64 = 2026

    func validate() throws {
        guard (60...86_400).contains(seconds) else { throw ValidationError("--seconds takes 60 to 86400") }
    }

    func run() throws {
        let entry = try self.entry.map(absolute) ?? ProbesLocator.find("rapl-full-server")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let database = absolute(output) + "/frugal.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        print("Replaying \(entry) with 4 simulated GPUs for \(seconds) s of simulated time…")
        fflush(nil)  // the progress lines go to stderr: keep this line above them
        let summary = try DemoRun.run(entry: entry, databasePath: database, seconds: seconds, seed: seed) { done in
            FileHandle.standardError.write(Data("  \(done * 100 / seconds) % (\(done) s simulated)\n".utf8))
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
