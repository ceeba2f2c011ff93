import Foundation
import Testing

/// External tools the tests drive (promtool, schemathesis): found on PATH or
/// in the repository's `.venv-ci`; missing ones skip the test unless
/// FRUGAL_REQUIRE_TOOLS=1, where they fail it.
enum Tools {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates =
            [repository.appendingPathComponent(".venv-ci/bin").path] + path.split(separator: ":").map(String.init)
        return candidates.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var required: Bool { ProcessInfo.processInfo.environment["FRUGAL_REQUIRE_TOOLS"] == "1" }

    static func skipUnlessRequired(_ tool: String) throws {
        if required {
            Issue.record("\(tool) is missing and FRUGAL_REQUIRE_TOOLS=1: run .ci/install-deps")
        }
    }

    /// Runs `path` with `arguments`; returns its status and its output (stdout then stderr).
    static func run(
        _ path: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
