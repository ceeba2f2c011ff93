import Foundation
import FrugalFleet
import Testing

/// The real `frugal daemon` in fleet mode: it samples a catalogue tree into
/// its local buffer and its shipper drains the buffer into PostgreSQL.
@Suite("frugal daemon in fleet mode: the local buffer shipped to PostgreSQL", .timeLimit(.minutes(6)))
struct FleetDaemonTests {
    static let tree = TestPostgres.repository + "/Probes/rapl-full-server/sys"
    /// Minute rollups summed: what both sides must hold, value for value
    /// (sqlite3 and psql -A both separate columns with "|").
    static let minutes = "SELECT count(*), sum(energy_uj), sum(sample_count), sum(covered_ns) FROM rollup_minute"

    /// The `frugal` built next to the test bundle.
    static var frugal: String? {
        let path =
            ProcessInfo.processInfo.environment["FRUGAL_BIN"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "frugal"
            ).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    @Test("samples reach PostgreSQL; with the server stopped they buffer locally; after it returns all ship, once")
    func shipsThroughAnOutage() async throws {
        guard let frugal = Self.frugal, FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            #expect(!TestPostgres.required, "FRUGAL_REQUIRE_TOOLS=1: the frugal binary and sqlite3 are required")
            return
        }
        guard let server = try await TestPostgres.start() else { return }
        defer { server.stopServerNow() }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let buffer = directory + "/buffer.db"
        let log = directory + "/daemon.log"
        // Only the daemon's own settings: an unknown FRUGAL_ variable would be refused.
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FRUGAL_") }
        environment.merge([
            "FRUGAL_STORE_LOCAL_BUFFER": buffer, "FRUGAL_STORE_PASSWORD_FILE": server.passwordFile,
            "FRUGAL_STORE_SHIP_INTERVAL": "300ms", "FRUGAL_STORE_FLUSH_INTERVAL": "200ms",
            "FRUGAL_HOST_NAME": "fleet-daemon-a", "FRUGAL_PROBES_NVML": "off",
            // The cost API on a free port (9464 may be taken: the daemon would stop at start), no network.
            "FRUGAL_SERVER_LISTEN": "127.0.0.1:0", "FRUGAL_CARBON_FETCH": "false",
        ]) { _, new in new }
        let url = "postgres://frugal@127.0.0.1:\(server.port)/frugal?sslmode=disable"
        let launched = TestPostgres.launch(
            [frugal, "daemon", "--sysfs-root", Self.tree, "--store", url, "--interval", "100ms"],
            environment: environment, outputPath: log)
        let pid = try #require(launched)
        var exited = false
        defer { if !exited { kill(pid, SIGKILL) } }

        let logText = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        // Only closed minutes ship while running: the first one up to a minute after the start.
        try await waitUntil("minutes in PostgreSQL", log: logText) {
            // Before the shipper's first migration the table does not exist yet.
            Int((try? await server.psql("SELECT count(*) FROM rollup_minute")) ?? "") ?? 0 > 0
        }
        #expect(try await server.psql("SELECT name FROM hosts") == "fleet-daemon-a")

        try await server.stopServer()
        let during = try await samples(buffer)
        try await Task.sleep(for: .seconds(2))
        #expect(
            try await samples(buffer) > during, "the daemon goes on sampling into its buffer while PostgreSQL is down")
        try await server.startServer()
        try await Task.sleep(for: .seconds(1))
        kill(pid, SIGTERM)
        let status = (try? await TestPostgres.offPool { TestPostgres.wait(pid) }) ?? -1
        exited = true
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(output)")
        #expect(output.contains("fleet mode") && output.contains("shipping paused"))
        #expect(!output.contains(try String(contentsOfFile: server.passwordFile, encoding: .utf8)))

        // The shipper stops last: its final drain ships the sampler's last flush too.
        let local = await TestPostgres.spawn(["/usr/bin/sqlite3", buffer, Self.minutes]).1
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(local == (try await server.psql(Self.minutes)))
        #expect(Int(local.split(separator: "|")[0]) ?? 0 > 0)
    }

    private func samples(_ buffer: String) async throws -> Int {
        let (status, text) = await TestPostgres.spawn([
            "/usr/bin/sqlite3", buffer, "SELECT coalesce(sum(sample_count), 0) FROM rollup_minute",
        ])
        guard status == 0, let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestPostgres.Failure(description: "sqlite3 \(buffer): \(text)")
        }
        return value
    }

    private func waitUntil(_ what: String, log: () -> String, _ condition: () async throws -> Bool) async throws {
        let start = ContinuousClock.now
        while try await !condition() {
            guard ContinuousClock.now - start < .seconds(120) else {
                Issue.record("\(what): not within 120 s; the daemon said:\n\(log())")
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
