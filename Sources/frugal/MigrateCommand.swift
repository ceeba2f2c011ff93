import ArgumentParser
import Foundation
import FrugalFleet
import FrugalRuntime
import FrugalStore
import Logging

/// `frugal migrate`: move a host's history from its SQLite file into the fleet's PostgreSQL.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move a host's history from its SQLite file into the fleet's PostgreSQL database.",
        discussion: """
            Copies every table of the SQLite store (samples by minute, rollups, gaps, requests, \
            quarantine, ingest offsets, attribution windows, usage, coefficients, grid intensity) \
            into PostgreSQL, creating the schema and the monthly partitions it needs, then checks \
            that the host's rows are equal on both sides. Progress goes to stderr.

            Resumable and idempotent: how far it got is kept in the SQLite file (the same marks \
            the daemon's shipper uses), and a row sent twice is stored once. The password comes \
            from --password-file (or [store] password_file), never from the URL.

            Example:
              frugal migrate --from sqlite:/var/lib/frugal/frugal.db \\
                --to 'postgres://frugal@db.example.org:5432/frugal?sslmode=verify-full' \\
                --password-file /etc/frugal/postgres.password --tls-ca-file /etc/frugal/ca.pem
            """)

    @Option(help: ArgumentHelp("The host's store: sqlite:/path/to/frugal.db.", valueName: "url"))
    var from: String

    @Option(help: ArgumentHelp("The fleet database: postgres://user@host:port/db?sslmode=…", valueName: "url"))
    var to: String

    @Option(help: ArgumentHelp("File holding the PostgreSQL password (first line).", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("PEM CA certificate for sslmode=require/verify-ca/verify-full.", valueName: "file"))
    var tlsCAFile: String?

    @Option(help: ArgumentHelp("The TOML configuration ([store] password_file, tls_ca_file).", valueName: "file"))
    var config: String?

    @Flag(help: "Skip the final row-by-row comparison.")
    var noVerify = false

    func validate() throws {
        guard from.hasPrefix("sqlite:/") else {
            throw ValidationError("--from \(from): expected sqlite:/absolute/path.db")
        }
        guard to.hasPrefix("postgres://") || to.hasPrefix("postgresql://") else {
            throw ValidationError("--to \(to): expected postgres://user@host:5432/db?sslmode=require")
        }
    }

    func run() async throws {
        let path = String(from.dropFirst("sqlite:".count))
        let settings = try fleetSettings()
        let hosts = try FleetShipper.localHostNames(path: path)
        guard let host = hosts.first else { throw ValidationError("\(path) has no registered host: nothing to move") }
        let local = try SQLiteStore(path: path)
        let store = PostgresStore(settings: settings)
        defer { try? local.close() }
        let version = try await store.migrate()
        log("fleet database \(settings): schema version \(version); moving \(hosts.joined(separator: ", "))")
        var options = FleetShipper.Options()
        options.minutesPerBatch = 720
        options.requestsPerBatch = 5_000
        options.progress = { report in
            log(
                "  \(report.minutes) minutes (\(report.blocks) blocks), \(report.requests) requests, "
                    + "\(report.windows) attribution windows")
        }
        let start = ContinuousClock.now
        let shipper = FleetShipper(store: store, local: local, localPath: path, host: host, options: options)
        let report = try await shipper.drain(final: true)
        log(
            "moved in \(ContinuousClock.now - start): \(report.minutes) minutes, \(report.requests) requests, "
                + "\(report.windows) windows, \(report.quarantined) quarantined lines")
        if !noVerify { try await verify(hosts, path: path, store: store) }
        await store.shutdown()
    }

    private func verify(_ hosts: [String], path: String, store: PostgresStore) async throws {
        for host in hosts {
            let comparison = try await FleetComparison.compare(host: host, localPath: path, store: store)
            guard comparison.isEqual else {
                throw ValidationError(
                    "\(host): the fleet database differs: "
                        + comparison.differences.map(\.description).joined(separator: "; "))
            }
            let counts = comparison.rowCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            log("verified \(host): equal rows (\(counts.joined(separator: ", ")))")
        }
    }

    private func fleetSettings() throws -> PostgresSettings {
        var passwordFile = passwordFile
        var caFile = tlsCAFile
        if let config {
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let settings = try ConfigLoader.apply(toml: text, origin: config, to: FrugalConfig())
            passwordFile = passwordFile ?? settings.fleet.passwordFile
            caFile = caFile ?? settings.fleet.tlsCAFile
        }
        return try PostgresSettings(url: to, passwordFile: passwordFile, caFile: caFile)
    }
}

private func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
