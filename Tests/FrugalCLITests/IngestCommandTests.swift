import Foundation
import Testing

/// `frugal ingest` on small logs: what it prints, where bad lines go, rotation between runs.
@Suite("frugal ingest", .serialized)
struct IngestCommandTests {
    static func line(_ n: Int, prompt: Int = 10) -> String {
        let start = 1_772_438_400 + n
        return """
            {"id":"req-\(n)","startTime":\(start).25,"endTime":\(start + 2).5,"model":"llama","prompt_tokens":\(prompt),\
            "completion_tokens":\(n),"status":"success","metadata":{"user_api_key_hash":"k\(n % 3)"}}
            """
    }

    static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    @Test func reportsRecordsDuplicatesAndRejectionsAndKeepsBadLines() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("proxy.log").path
        let db = dir.appendingPathComponent("f.db").path
        let text = [
            Self.line(1), "not json at all", Self.line(2), Self.line(1), Self.line(3, prompt: -4), "", Self.line(4),
        ]
        try Self.append(text.joined(separator: "\n") + "\n" + String(Self.line(5).prefix(40)), to: log)
        let result = try Harness.run(Harness.frugal, ["ingest", log, "--store", "sqlite:\(db)", "--host", "gpu-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "as litellm: 7 lines: 3 records, 1 duplicates, 2 rejected (negative_tokens 1, not_json 1), 1 skipped"),
            "\(result.stdout)")
        #expect(result.stdout.contains("select file, line_offset, reason, message from quarantine"))
        #expect(
            try DaemonProcess.query(db, "select reason, raw from quarantine order by quarantine_key")
                == "not_json|not json at all\nnegative_tokens|\(Self.line(3, prompt: -4))")
        // The unfinished last line is read once it is finished.
        try Self.append(String(Self.line(5).dropFirst(40)) + "\n", to: log)
        let again = try Harness.run(Harness.frugal, ["ingest", log, "--store", "sqlite:\(db)", "--host", "gpu-01"])
        #expect(again.stdout.contains("1 lines: 1 records, 0 duplicates, 0 rejected"), "\(again.stdout)")
        #expect(try DaemonProcess.query(db, "select count(*), sum(completion_tokens) from requests") == "4|12")
    }

    /// The first run commits where the log begins: a rotation before any
    /// line is committed still reads the renamed file first.
    @Test func aLogRotatedBeforeItsFirstLineWasCommittedIsReadWhole() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("proxy.log").path
        let db = dir.appendingPathComponent("f.db").path
        try Self.append("", to: log)
        let arguments = ["ingest", log, "--store", "sqlite:\(db)", "--format", "litellm"]
        #expect(try Harness.run(Harness.frugal, arguments).status == 0)
        try Self.append((1...3).map { Self.line($0) + "\n" }.joined(), to: log)
        try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
        try Self.append((4...5).map { Self.line($0) + "\n" }.joined(), to: log)
        let result = try Harness.run(Harness.frugal, arguments)
        #expect(result.stdout.contains("5 lines: 5 records"), "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("\(log).1 from byte 0"), "\(result.stderr)")
    }

    @Test func anUnknownFormatIsRefusedWithTheFix() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("app.log").path
        try Self.append((1...30).map { "plain text line \($0)\n" }.joined(), to: log)
        let result = try Harness.run(
            Harness.frugal, ["ingest", log, "--store", "sqlite:\(dir.appendingPathComponent("f.db").path)"])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains("give the format") || result.stderr.contains("give --format"), "\(result.stderr)")
        let help = try Harness.run(Harness.frugal, ["ingest", "--help"])
        #expect(help.stdout.contains("USAGE: frugal ingest") && help.stdout.contains("Examples:"))
    }
}
