import Foundation

/// `Fixtures/odre/replay_server.py`, started on a free loopback port for one
/// test and stopped after it. nil (the test skips) when python3 is missing,
/// unless FRUGAL_REQUIRE_TOOLS is set.
final class ReplayServer {
    let process = Process()
    let port: Int

    init?() throws {
        let script = FixtureFiles.testsDirectory.appendingPathComponent("Fixtures/odre/replay_server.py").path
        guard
            let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(
                where: FileManager.default.isExecutableFile)
        else {
            if ProcessInfo.processInfo.environment["FRUGAL_REQUIRE_TOOLS"] != nil {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "python3"])
            }
            return nil
        }
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script]
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "replay server said: \(text)"])
        }
        self.port = port
    }

    /// The base URL of one scenario (ok, gaps, duplicates, empty, malformed,
    /// status429, status500, always500, timeout, notfound).
    func baseURL(_ scenario: String) -> String { "http://127.0.0.1:\(port)/\(scenario)" }

    deinit {
        // SIGKILL: the child may inherit a blocked SIGTERM from the test runner.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
