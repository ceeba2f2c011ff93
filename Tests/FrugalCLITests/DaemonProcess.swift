import Foundation

/// A `frugal daemon` child process on a catalogue tree, for lifecycle tests.
final class DaemonProcess {
    let process = Process()
    let stderr = Pipe()
    let database: String

    init(sysfs: String, database: String, interval: String = "100ms", environment: [String: String] = [:]) throws {
        self.database = database
        process.executableURL = URL(fileURLWithPath: Harness.frugal)
        process.arguments = [
            "daemon", "--sysfs-root", sysfs, "--store", "sqlite:\(database)", "--interval", interval,
        ]
        var env = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("NOTIFY_") && !$0.key.hasPrefix("WATCHDOG_")
        }
        env["FRUGAL_PROBES_NVML"] = "off"
        env["FRUGAL_STORE_FLUSH_INTERVAL"] = "200ms"
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        try process.run()
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit (up to `timeout` seconds) and returns the status and stderr.
    func wait(timeout: Double = 10) -> (status: Int32, stderr: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }

    /// Runs a query with the real sqlite3 shell.
    static func query(_ database: String, _ sql: String) throws -> String {
        try Harness.run("sqlite3", [database, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
