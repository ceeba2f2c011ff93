import Foundation
import Synchronization

/// A `frugal daemon` child process on a catalogue tree, for lifecycle tests.
final class DaemonProcess {
    let process = Process()
    let stderr = Pipe()
    let database: String
    /// Standard error as read so far, by a thread of its own (tests wait for log lines).
    private let log = LogBuffer()

    init(
        sysfs: String, database: String, interval: String = "100ms", environment: [String: String] = [:],
        arguments: [String] = []
    ) throws {
        self.database = database
        process.executableURL = URL(fileURLWithPath: Harness.frugal)
        process.arguments =
            [
                "daemon", "--sysfs-root", sysfs, "--store", "sqlite:\(database)", "--interval", interval,
            ] + arguments
        var env = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("NOTIFY_") && !$0.key.hasPrefix("WATCHDOG_")
        }
        env["FRUGAL_PROBES_NVML"] = "off"
        env["FRUGAL_STORE_FLUSH_INTERVAL"] = "200ms"
        // Tests run side by side and offline: any free port, no eCO2mix fetching unless a test asks.
        env["FRUGAL_SERVER_LISTEN"] = "127.0.0.1:0"
        env["FRUGAL_CARBON_FETCH"] = "false"
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
        let reader = stderr.fileHandleForReading
        let thread = Thread { [log] in
            while true {
                let chunk = reader.availableData
                log.state.withLock {
                    if chunk.isEmpty { $0.closed = true } else { $0.text += String(decoding: chunk, as: UTF8.self) }
                }
                if chunk.isEmpty { return }
            }
        }
        thread.start()
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Standard error so far.
    var logText: String { log.state.withLock { $0.text } }

    /// Waits (up to `timeout` seconds) for a log line holding `text`; returns that line.
    /// Async, so that waiting holds no thread the in-process servers of other suites need.
    func waitForLog(containing text: String, timeout: Double = 60) async throws -> Substring? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let (all, closed) = log.state.withLock { ($0.text, $0.closed) }
            if let line = all.split(separator: "\n").first(where: { $0.contains(text) }) { return line }
            if closed { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// `wait(timeout:)` without holding a thread while the daemon shuts down.
    func stopped(timeout: Double = 10) async throws -> (status: Int32, stderr: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return wait(timeout: 0.5)
    }

    /// Waits for exit (up to `timeout` seconds) and returns the status and stderr.
    func wait(timeout: Double = 10) -> (status: Int32, stderr: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
        let drained = Date().addingTimeInterval(5)
        while !log.state.withLock({ $0.closed }) && Date() < drained { Thread.sleep(forTimeInterval: 0.01) }
        return (process.terminationStatus, logText)
    }

    /// What the reader thread has read, and whether the pipe is closed.
    private final class LogBuffer: Sendable {
        let state = Mutex<(text: String, closed: Bool)>(("", false))
    }

    /// Runs a query with the real sqlite3 shell.
    static func query(_ database: String, _ sql: String) throws -> String {
        try Harness.run("sqlite3", [database, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
