import Foundation
import Testing

/// Runs real programs for the end-to-end tests: the built `frugal` binary and
/// the peers it is checked against (node_exporter, systemd-analyze, …).
enum Harness {
    /// The repository root, found from this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `frugal` binary built next to the test bundle.
    static var frugal: String {
        if let path = ProcessInfo.processInfo.environment["FRUGAL_BIN"] { return path }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0])
        return runner.deletingLastPathComponent().appendingPathComponent("frugal").path
    }

    /// CI sets FRUGAL_REQUIRE_TOOLS=1: there a missing tool fails the test
    /// instead of skipping it (.ci/install-deps installs them all).
    static var toolsRequired: Bool { ProcessInfo.processInfo.environment["FRUGAL_REQUIRE_TOOLS"] == "1" }

    /// The path of an executable on PATH, or nil.
    static func which(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        for dir in paths.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether a tool is here; records an issue when CI requires it and it is not.
    static func available(_ name: String) -> Bool {
        if which(name) != nil { return true }
        if toolsRequired { Issue.record("\(name) is required in CI: .ci/install-deps test installs it") }
        return false
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion and captures its output.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: executable.hasPrefix("/") ? executable : which(executable) ?? executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = directory ?? root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty program cannot block on a full pipe.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
