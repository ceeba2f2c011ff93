import ArgumentParser
import Foundation
import FrugalCore
import FrugalIngest
import FrugalRuntime
import FrugalStore
import Logging
import ServiceLifecycle

/// `frugal ingest`: read a gateway log into the store, exactly once.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a gateway log's requests into the store, exactly once.",
        discussion: """
            Reads FILE to its end (or follows it with --follow until SIGTERM or SIGINT) and stores \
            one row per request. Each batch of lines is committed together with the log's offset, \
            so a run killed at any moment resumes exactly where it stopped: no request is lost \
            or counted twice, and a request id seen again is skipped and counted as a duplicate. \
            Rotated copies (FILE.1, FILE.2.gz, FILE-20250601.gz) newer than the stored offset are \
            read first; rotation by rename and copytruncate are followed.

            Lines that cannot be read are counted by reason and kept, with their text, in the \
            store's quarantine table.

            Examples:
              frugal ingest /var/log/litellm/proxy.log --store sqlite:/var/lib/frugal/frugal.db
              frugal ingest usage.csv --format albert --host gpu-01
              frugal ingest /var/log/nginx/llm.json --follow
            """)

    @Argument(help: ArgumentHelp("The gateway log.", valueName: "file"))
    var file: String

    @Option(help: "auto, \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String = "auto"

    @Option(help: ArgumentHelp("Override [store] url, e.g. sqlite:/var/lib/frugal/frugal.db.", valueName: "url"))
    var store: String?

    @Option(
        help: ArgumentHelp("The host the requests ran on (default: host.name, else the hostname).", valueName: "name"))
    var host: String?

    @Flag(help: "Keep following the log until SIGTERM or SIGINT.")
    var follow = false

    @Option(help: ArgumentHelp("Lines per transaction.", valueName: "n"))
    var batchLines: Int = 50_000

    @Option(help: ArgumentHelp("How often a followed log is read, e.g. 250ms.", valueName: "duration"))
    var pollInterval: String = "250ms"

    @Option(help: ArgumentHelp("The TOML configuration file (host.name, store.url).", valueName: "file"))
    var config: String?

    func validate() throws {
        if format != "auto", LogFormat(rawValue: format) == nil {
            throw ValidationError(
                "--format \(format): use auto or one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let store, !store.hasPrefix("sqlite:/") {
            throw ValidationError("--store \(store): expected sqlite:/absolute/path.db")
        }
        guard batchLines > 0 else { throw ValidationError("--batch-lines must be at least 1") }
        guard let interval = Quantities.duration(pollInterval), interval > .zero else {
            throw ValidationError("--poll-interval \(pollInterval): expected a duration such as 250ms")
        }
    }

    func run() async throws {
        var settings = try ConfigFile.load(path: config, environment: ProcessInfo.processInfo.environment)
        if let store { settings.store = store }
        guard let databasePath = settings.sqlitePath else { throw ValidationError("only sqlite: stores are supported") }
        let path = URL(fileURLWithPath: absolute(file)).standardizedFileURL.path
        guard follow || FileManager.default.fileExists(atPath: path) else {
            // Followed logs may appear later; a one-shot read needs the file now.
            throw ValidationError("\(path) does not exist (use --follow to wait for it)")
        }
        let options = IngestRun.Options(
            format: LogFormat(rawValue: format), host: host ?? settings.hostName ?? ProcessInfo.processInfo.hostName,
            batchLines: batchLines)
        let database = try SQLiteStore(path: databasePath)
        let started = ContinuousClock.now
        let totals: IngestTotals
        let chosen: LogFormat?
        var undetected = 0
        if follow {
            (totals, chosen) = try await followLog(
                path: path, store: database, options: options, level: settings.logLevel)
        } else {
            let run = try IngestRun(path: path, store: database, options: options, now: Self.now())
            try run.catchUp(now: Self.now())
            for event in run.takeEvents() { FileHandle.standardError.write(Data("\(event)\n".utf8)) }
            (totals, chosen, undetected) = (run.totals, run.format, run.undetectedLines)
        }
        try database.close()
        let seconds =
            Double((ContinuousClock.now - started).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - started).components.seconds)
        report(totals, format: chosen, path: path, database: databasePath, seconds: seconds)
        if undetected > 0 {
            FileHandle.standardError.write(
                Data("\(path): the format of its \(undetected) lines could not be detected: give --format\n".utf8))
            throw ExitCode(65)
        }
    }

    private func followLog(path: String, store: SQLiteStore, options: IngestRun.Options, level: String) async throws
        -> (IngestTotals, LogFormat?)
    {
        let logger = makeLogger(label: "frugal.ingest", level: level)
        let latest = LatestTotals()
        let service = IngestService(
            path: path, makeStore: { store }, options: options,
            pollInterval: Quantities.duration(pollInterval) ?? .milliseconds(250), now: { Self.now() }, logger: logger,
            onProgress: { latest.set($0) })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        let format = try store.ingestOffset(for: path)?.format.flatMap(LogFormat.init(rawValue:))
        return (latest.get(), format)
    }

    private func report(_ totals: IngestTotals, format: LogFormat?, path: String, database: String, seconds: Double) {
        let rate = seconds > 0 ? Int(Double(totals.linesRead) / seconds) : 0
        print("Read \(path) as \(format?.rawValue ?? "an undetected format"): \(totals.summary)")
        print("\(totals.commits) commits in \(String(format: "%.2f", seconds)) s (\(rate) lines/s), into \(database)")
        if totals.quarantined > 0 {
            print(
                "Quarantined lines: sqlite3 \(database) \"select file, line_offset, reason, message from quarantine where source = '\(path)'\""
            )
        }
    }

    static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

/// The follower's totals, read back once the service group has stopped.
final class LatestTotals: @unchecked Sendable {
    private let lock = NSLock()
    private var totals = IngestTotals()
    func set(_ value: IngestTotals) { lock.withLock { totals = value } }
    func get() -> IngestTotals { lock.withLock { totals } }
}
