import Foundation
import FrugalFleet

/// A real PostgreSQL 15 started by the test through `.ci/postgres.sh`, on
/// loopback, in a temporary directory; stopped and removed at the end.
/// `start()` returns nil (the test skips) when PostgreSQL is not installed,
/// unless `FRUGAL_REQUIRE_TOOLS=1`.
final class TestPostgres: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb") }
    static var required: Bool { ProcessInfo.processInfo.environment["FRUGAL_REQUIRE_TOOLS"] == "1" }

    let directory: String
    let port: Int
    var passwordFile: String { directory + "/password" }
    private var running = false

    private init(directory: String, port: Int) {
        self.directory = directory
        self.port = port
    }

    /// Starts a fresh server, or returns nil when PostgreSQL is absent and not
    /// required (`FRUGAL_FLEET_TESTS=0` skips these suites on purpose).
    static func start() throws -> TestPostgres? {
        guard ProcessInfo.processInfo.environment["FRUGAL_FLEET_TESTS"] != "0" else { return nil }
        guard isInstalled else {
            if required { throw Failure(description: "FRUGAL_REQUIRE_TOOLS=1 but PostgreSQL 15 is not installed") }
            return nil
        }
        let directory = NSTemporaryDirectory() + "frugal-pg-" + UUID().uuidString.prefix(8)
        var lastError: (any Error)?
        for _ in 0..<3 {
            let server = TestPostgres(directory: directory, port: Int.random(in: 20_000..<60_000))
            do {
                try server.startServer()
                return server
            } catch {
                lastError = error
            }
        }
        throw lastError ?? Failure(description: "PostgreSQL did not start")
    }

    deinit {
        if running { _ = try? Self.script(["stop", directory]) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func startServer() throws {
        try Self.script(["start", directory, "\(port)"])
        running = true
    }

    func stopServer() throws {
        try Self.script(["stop", directory])
        running = false
    }

    /// Runs SQL through psql in `database`; returns its unaligned output.
    @discardableResult
    func psql(_ sql: String, database: String = "frugal") throws -> String {
        try Self.script(["psql", directory, "\(port)", "-Atqc", sql], environment: ["FRUGAL_PG_DATABASE": database])
    }

    /// A new empty database.
    func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \(name)")
    }

    func settings(database: String, passwordFile: String? = nil) throws -> PostgresSettings {
        var settings = try PostgresSettings(
            url: "postgres://frugal@127.0.0.1:\(port)/\(database)?sslmode=disable",
            passwordFile: passwordFile ?? self.passwordFile)
        settings.connectTimeout = .seconds(2)
        settings.workTimeout = .seconds(30)
        return settings
    }

    @discardableResult
    static func script(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let (status, text) = spawn(
            ["/bin/bash", repository + "/.ci/postgres.sh"] + arguments, environment: environment)
        guard status == 0 else {
            throw Failure(description: "postgres.sh \(arguments.prefix(2)) failed (\(status)): \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a command to its end with posix_spawn and waitpid. Not Foundation's
    /// Process: its waitUntilExit needs a dispatch thread to see the exit, and
    /// parallel tests blocking every pool thread then wait forever.
    static func spawn(_ arguments: [String], environment: [String: String] = [:]) -> (Int32, String) {
        let outputPath = NSTemporaryDirectory() + "frugal-spawn-" + UUID().uuidString
        defer { unlink(outputPath) }
        let env = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        guard let pid = launch(arguments, environment: env, outputPath: outputPath) else { return (-1, "cannot spawn") }
        let status = wait(pid)
        return (status, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }

    /// Starts a command with exactly `environment`, stdin from /dev/null and
    /// stdout and stderr into `outputPath`; nil when it cannot start.
    static func launch(_ arguments: [String], environment: [String: String], outputPath: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, envp) == 0 else { return nil }
        return pid
    }

    /// Waits for `pid` to end: its exit status, or 128 + the signal that ended it.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// One server shared by the tests that do not stop it, each in a database of its own.
enum SharedPostgres {
    private static let server: Result<TestPostgres?, any Error> = {
        let result = Result { try TestPostgres.start() }
        // Statics are never deinitialized: stop the server when the test process exits.
        atexit {
            if case .success(let server?) = SharedPostgres.server {
                try? server.stopServer()
                try? FileManager.default.removeItem(atPath: server.directory)
            }
        }
        return result
    }()

    static func get() throws -> TestPostgres? { try server.get() }

    /// A fresh database on the shared server, or nil to skip.
    static func database(_ prefix: String) throws -> (TestPostgres, String)? {
        guard let server = try get() else { return nil }
        let name = prefix + "_" + UUID().uuidString.prefix(8).lowercased()
        try server.createDatabase(name)
        return (server, name)
    }
}
