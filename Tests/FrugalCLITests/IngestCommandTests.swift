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

    /// A CSV export read again from the middle: its header is on its first line.
    @Test func anAlbertCSVResumedInTheMiddleStillKnowsItsColumns() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fixture = Harness.root.appendingPathComponent("Tests/FrugalIngestTests/Fixtures/albert-usage.csv")
        let lines = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map { $0 + "\n" }
        let log = dir.appendingPathComponent("usage.csv").path
        let db = dir.appendingPathComponent("f.db").path
        try Self.append(lines[0..<3].joined(), to: log)
        let first = try Harness.run(Harness.frugal, ["ingest", log, "--store", "sqlite:\(db)"])
        #expect(first.stdout.contains("as albert: 3 lines: 2 records"), "\(first.stdout)")
        try Self.append(lines[3...].joined(), to: log)
        let second = try Harness.run(Harness.frugal, ["ingest", log, "--store", "sqlite:\(db)"])
        #expect(second.stdout.contains("as albert: 2 lines: 2 records, 0 duplicates, 0 rejected"), "\(second.stdout)")
        #expect(
            try DaemonProcess.query(db, "select id, kwh_max, estimate_method from requests where kwh_max is not null")
                == "albert-usage-1204|3.08e-05|albert/ecologits")
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
        let long = dir.appendingPathComponent("long.log").path
        try Self.append((1...3_000).map { "plain text line \($0)\n" }.joined(), to: long)
        let refused = try Harness.run(
            Harness.frugal, ["ingest", long, "--store", "sqlite:\(dir.appendingPathComponent("f.db").path)"])
        #expect(refused.status != 0 && refused.stderr.contains("give the format"), "\(refused.stderr)")
        let help = try Harness.run(Harness.frugal, ["ingest", "--help"])
        #expect(help.stdout.contains("USAGE: frugal ingest") && help.stdout.contains("Examples:"))
    }
}

/// `frugal ingest --follow`: lines appended, a rename rotation and SIGTERM.
@Suite("frugal ingest --follow", .serialized)
struct IngestFollowTests {
    static func count(_ db: String) -> Int {
        Int((try? DaemonProcess.query(db, "select count(*) from requests")) ?? "") ?? -1
    }

    static func waitFor(_ db: String, _ expected: Int) -> Bool {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if count(db) == expected { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// `frugal ingest LOG --follow` into `db`, polling every 50 ms, with its
    /// standard output and error piped.
    static func follow(_ log: String, into db: String) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.frugal)
        process.arguments = ["ingest", log, "--store", "sqlite:\(db)", "--follow", "--poll-interval", "50ms"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    @Test func followsAppendsAndARotationThenStopsCleanlyOnSigterm() throws {
        guard Harness.available("sqlite3") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("proxy.log").path
        let db = dir.appendingPathComponent("f.db").path
        try IngestCommandTests.append(IngestCommandTests.line(1) + "\n", to: log)
        let (process, out, _) = try Self.follow(log, into: db)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(Self.waitFor(db, 1))
        try IngestCommandTests.append(IngestCommandTests.line(2) + "\n" + IngestCommandTests.line(3), to: log)
        #expect(Self.waitFor(db, 2), "the unfinished line waits")
        try IngestCommandTests.append("\n", to: log)
        #expect(Self.waitFor(db, 3))
        try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
        try IngestCommandTests.append(IngestCommandTests.line(4) + "\n", to: log + ".1")  // before the writer reopens
        try IngestCommandTests.append(IngestCommandTests.line(5) + "\n", to: log)
        #expect(Self.waitFor(db, 5))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("as litellm: 5 lines: 5 records, 0 duplicates, 0 rejected"), "\(text)")
        let missing = try Harness.run(Harness.frugal, ["ingest", log + ".none", "--store", "sqlite:\(db)"])
        #expect(missing.status == 64 && missing.stderr.contains("--follow"), "\(missing.stderr)")
    }

    /// A commit that fails (here a trigger standing for a full disk) is
    /// retried from the last committed line: nothing lost, nothing repeated.
    @Test func failedCommitsAreRetriedFromTheLastCommittedLine() throws {
        guard Harness.available("sqlite3") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("proxy.log").path
        let db = dir.appendingPathComponent("f.db").path
        try IngestCommandTests.append(IngestCommandTests.line(1) + "\n", to: log)
        let (process, _, err) = try Self.follow(log, into: db)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(Self.waitFor(db, 1))
        _ = try DaemonProcess.query(
            db, "CREATE TRIGGER full BEFORE INSERT ON requests BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        try IngestCommandTests.append((2...3).map { IngestCommandTests.line($0) + "\n" }.joined(), to: log)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(Self.count(db) == 1)
        _ = try DaemonProcess.query(db, "DROP TRIGGER full")
        #expect(Self.waitFor(db, 3))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try DaemonProcess.query(db, "select sum(value) from ingest_counters where counter = 'lines'") == "3")
        let log2 = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log2.contains("could not ingest (will resume at the last committed line)"), "\(log2)")
    }
}
