import Foundation
import Testing

/// `frugal ingest` killed with SIGKILL at random moments, while its log is
/// rotated under it (renamed, then gzip'd, then copytruncated), ends with
/// exactly what one clean run stores: every request once, every bad line
/// quarantined once.
@Suite("frugal ingest, exactly once under kill -9", .serialized)
struct IngestExactlyOnceTests {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The simulator's lines with malformed lines, empty lines and repeated requests sprinkled in.
    static func spoil(_ lines: [Substring], rng: inout SplitMix64) -> [String] {
        var out: [String] = []
        for line in lines {
            let roll = Int.random(in: 0..<1_000, using: &rng)
            switch roll {
            case 0..<4: out.append(String(line.prefix(Int.random(in: 1..<line.count, using: &rng))))  // cut
            case 4..<7: out.append("ERROR proxy: upstream timed out \(roll)")  // not JSON
            case 7..<10: out.append(line.replacingOccurrences(of: "\"prompt_tokens\":", with: "\"prompt_tokens\":-"))
            case 10..<12: out.append("")  // skipped, not quarantined
            case 12..<18 where !out.isEmpty: out.append(out[Int.random(in: 0..<out.count, using: &rng)])  // repeat
            default: break
            }
            out.append(String(line))
        }
        return out
    }

    static func write(_ lines: ArraySlice<String>, to path: String) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    }

    static func ingest(_ log: String, _ database: String) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.frugal)
        process.arguments = [
            "ingest", log, "--store", "sqlite:\(database)", "--host", "gpu-01", "--batch-lines", "200",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    /// Runs a clean ingest to completion; returns its wall time in seconds.
    static func timedRun(_ log: String, _ database: String) throws -> Double {
        let process = ingest(log, database)
        let start = Date()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Date().timeIntervalSince(start)
    }

    static func books(_ database: String) throws -> [String] {
        try [
            "select count(*), sum(prompt_tokens), sum(completion_tokens), count(distinct id) from requests",
            "select reason, count(*), sum(raw_bytes) from quarantine group by reason order by reason",
            "select counter, sum(value) from ingest_counters group by counter order by counter",
        ].map { try DaemonProcess.query(database, $0) }
    }

    @Test func twentyKillsAndThreeRotationsStoreWhatOneCleanRunStores() throws {
        guard Harness.available("sqlite3"), Harness.available("gzip") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try Harness.run(
            Harness.frugal,
            ["simulate", "--scenario", "heavy-shared", "--seconds", "14400", "--start-hour", "8", "--output", dir.path])
        try #require(sim.status == 0, "\(sim.stderr)")
        let original = try String(contentsOf: dir.appendingPathComponent("logs/litellm.log"), encoding: .utf8)
        var rng = SplitMix64(state: 2026)
        let lines = Self.spoil(original.split(separator: "\n"), rng: &rng)
        #expect(lines.count >= 20_000)

        // The clean run: one file, one process, to its end.
        let clean = dir.appendingPathComponent("clean.log").path
        try Self.write(lines[...], to: clean)
        let cleanDB = dir.appendingPathComponent("clean.db").path
        let cleanSeconds = try Self.timedRun(clean, cleanDB)
        let empty = dir.appendingPathComponent("empty.log").path
        try Self.write([], to: empty)
        let startSeconds = try Self.timedRun(empty, dir.appendingPathComponent("empty.db").path)

        // The same lines in three parts, rotated twice during twenty killed runs.
        let cut1 = lines.count * 4 / 10
        let cut2 = lines.count * 7 / 10
        let cut3 = lines.count * 85 / 100
        let log = dir.appendingPathComponent("gw/litellm.log").path
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("gw"), withIntermediateDirectories: true)
        try Self.write(lines[..<cut1], to: log)
        let database = dir.appendingPathComponent("killed.db").path
        let linesRead = "select coalesce(sum(value), 0) from ingest_counters where counter = 'lines'"
        var killedRunning = 0
        var progressed = 0
        var before = "0"
        // After start-up, at most a twentieth of the work, so that most kills land
        // mid-ingest; adapted when the machine is slower or faster than measured.
        var startUp = startSeconds
        var spread = max(0.005, (cleanSeconds - startSeconds) / 20)
        for run in 0..<20 {
            if run == 7 {  // logrotate, rename + create
                try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
                try Self.write(lines[cut1..<cut2], to: log)
            }
            if run == 14 {  // again, the older copy compressed
                try FileManager.default.moveItem(atPath: log + ".1", toPath: log + ".2")
                #expect(try Harness.run("gzip", [log + ".2"]).status == 0)
                try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
                try Self.write(lines[cut2..<cut3], to: log)
            }
            if run == 17 {  // copytruncate: the copy takes .1's place, the live file starts again
                try FileManager.default.moveItem(atPath: log + ".2.gz", toPath: log + ".3.gz")
                try FileManager.default.moveItem(atPath: log + ".1", toPath: log + ".2")
                try FileManager.default.copyItem(atPath: log, toPath: log + ".1")
                #expect(truncate(log, 0) == 0)
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
                try handle.write(contentsOf: Data(lines[cut3...].map { $0 + "\n" }.joined().utf8))
                try handle.close()
            }
            let process = Self.ingest(log, database)
            try process.run()
            Thread.sleep(forTimeInterval: startUp + Double.random(in: 0..<spread, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal
            let after = try DaemonProcess.query(database, linesRead)
            if killed { killedRunning += 1 }
            if killed && after != before { progressed += 1 }
            if killed && after == before { startUp *= 1.5 }  // killed before its first commit
            if !killed { (startUp, spread) = (startUp * 0.7, spread * 0.7) }  // it had finished
            before = after
        }
        let final = Self.ingest(log, database)
        try final.run()
        final.waitUntilExit()
        #expect(final.terminationStatus == 0)

        #expect(killedRunning >= 15, "only \(killedRunning) of 20 runs were still running when killed")
        #expect(progressed >= 8, "only \(progressed) killed runs had committed something")
        let expected = try Self.books(cleanDB)
        let got = try Self.books(database)
        #expect(got == expected, "killed runs: \(got); clean run: \(expected)")
        #expect(try DaemonProcess.query(database, "pragma integrity_check") == "ok")
        // The clean run saw what the spoiling put in.
        let counters = expected[2].split(separator: "\n")
        #expect(counters.contains("lines|\(lines.count)"), "\(counters)")
        #expect(
            counters.contains { $0.hasPrefix("duplicates|") } && counters.contains { $0.hasPrefix("skipped.empty|") })
        let quarantined = try Int(DaemonProcess.query(cleanDB, "select count(*) from quarantine")) ?? 0
        #expect((150..<600).contains(quarantined), "\(quarantined) quarantined")
    }
}
