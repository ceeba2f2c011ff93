import Foundation
import FrugalFleet
import Synchronization

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
    static func start() async throws -> TestPostgres? {
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
                try await server.startServer()
                return server
            } catch {
                lastError = error
            }
        }
        throw lastError ?? Failure(description: "PostgreSQL did not start")
    }

    deinit {
        if running { _ = try? Self.scriptNow(["stop", directory]) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    func startServer() async throws {
        try await Self.script(["start", directory, "\(port)"])
        running = true
    }

    func stopServer() async throws {
        try await Self.script(["stop", directory])
        running = false
    }

    /// Stops the server from synchronous code (a `defer`, exit): blocks the calling thread.
    func stopServerNow() {
        guard running else { return }
        _ = try? Self.scriptNow(["stop", directory])
        running = false
    }

    /// Runs SQL through psql in `database`; returns its unaligned output.
    @discardableResult
    func psql(_ sql: String, database: String = "frugal") async throws -> String {
        try await Self.script(
            ["psql", directory, "\(port)", "-Atqc", sql], environment: ["FRUGAL_PG_DATABASE": database])
    }

    /// A new empty database.
    func createDatabase(_ name: String) async throws {
        try await psql("CREATE DATABASE \(name)")
    }

    func settings(database: String, passwordFile: String? = nil) throws -> PostgresSettings {
        var settings = try PostgresSettings(
            url: "postgres://frugal@127.0.0.1:\(port)/\(database)?sslmode=disable",
            passwordFile: passwordFile ?? self.passwordFile)
        settings.connectTimeout = .seconds(2)
        settings.workTimeout = .seconds(30)
        return settings
    }

    /// Runs `.ci/postgres.sh` on a thread of its own (never on the cooperative pool).
    @discardableResult
    static func script(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        try await offPool { try scriptNow(arguments, environment: environment) }
    }

    @discardableResult
    static func scriptNow(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let (status, text) = spawnNow(
            ["/bin/bash", repository + "/.ci/postgres.sh"] + arguments, environment: environment)
        guard status == 0 else {
            throw Failure(description: "postgres.sh \(arguments.prefix(2)) failed (\(status)): \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs blocking work (a child process to its end) on a thread of its own:
    /// a test blocking the cooperative pool's few threads (2 on this machine)
    /// for an initdb stalls every other suite of the process meanwhile.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// `spawnNow` off the cooperative pool.
    static func spawn(_ arguments: [String], environment: [String: String] = [:]) async -> (Int32, String) {
        (try? await offPool { spawnNow(arguments, environment: environment) }) ?? (-1, "cannot spawn")
    }

    /// Runs a command to its end with posix_spawn and waitpid, blocking the
    /// calling thread. Not Foundation's Process: its waitUntilExit needs a
    /// dispatch thread to see the exit.
    static func spawnNow(_ arguments: [String], environment: [String: String] = [:]) -> (Int32, String) {
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
    /// Started once, by the first test that asks; the others wait without holding a thread.
    private static let server = Task { try await TestPostgres.start() }
    private static let started = Mutex<TestPostgres?>(nil)

    static func get() async throws -> TestPostgres? {
        let server = try await server.value
        let first = started.withLock { started in
            defer { started = server }
            return started == nil && server != nil
        }
        // Statics are never deinitialized: stop the server when the test process exits.
        if first {
            atexit {
                guard let server = SharedPostgres.started.withLock({ $0 }) else { return }
                server.stopServerNow()
                try? FileManager.default.removeItem(atPath: server.directory)
            }
        }
        return server
    }

    /// A fresh database on the shared server, or nil to skip.
    static func database(_ prefix: String) async throws -> (TestPostgres, String)? {
        guard let server = try await get() else { return nil }
        let name = prefix + "_" + UUID().uuidString.prefix(8).lowercased()
        try await server.createDatabase(name)
        return (server, name)
    }
}
