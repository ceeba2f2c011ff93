import Foundation
import Testing

@Suite("frugal daemon: signals, crashes, systemd, bad stores and configurations", .serialized)
struct DaemonLifecycleTests {
    let tree = Harness.root.appendingPathComponent("Probes/rapl-full-server/sys").path

    @Test func sigtermFlushesAndExitsZero() throws {
        guard Harness.available("sqlite3") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("f.db").path
        let daemon = try DaemonProcess(sysfs: tree, database: db)
        Thread.sleep(forTimeInterval: 1.5)
        daemon.signal(SIGTERM)
        let (status, log) = daemon.wait()
        #expect(status == 0, "\(log)")
        #expect(log.contains("stopped cleanly"))
        #expect(try DaemonProcess.query(db, "pragma integrity_check") == "ok")
        let samples = Int(try DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? 0
        #expect(samples >= 8 * 5, "expected at least 5 ticks of 8 zones, got \(samples)")
    }

    @Test func killNineLosesAtMostTheUnflushedBatchAndRecordsTheDowntime() throws {
        guard Harness.available("sqlite3") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("f.db").path
        let first = try DaemonProcess(sysfs: tree, database: db)
        // Killed once something is committed: a loaded machine may take seconds to start.
        try waitForSamples(in: db, moreThan: 0)
        Thread.sleep(forTimeInterval: 0.3)
        first.signal(SIGKILL)
        _ = first.wait()
        #expect(try DaemonProcess.query(db, "pragma integrity_check") == "ok")
        let before = Int(try DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? 0
        #expect(before > 0, "committed samples survive kill -9")
        Thread.sleep(forTimeInterval: 0.5)

        let second = try DaemonProcess(sysfs: tree, database: db)
        try waitForSamples(in: db, moreThan: before)
        second.signal(SIGTERM)
        let (status, log) = second.wait()
        #expect(status == 0, "\(log)")
        let after = Int(try DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? 0
        #expect(after > before)
        let downtime = try DaemonProcess.query(db, "select count(*) from gaps where reason = 'daemon_down'")
        #expect(downtime == "9", "one daemon_down gap per zone (8 + psys), got \(downtime)")
    }

    @Test func notifiesSystemdReadyAndFeedsTheWatchdog() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let socket = try NotifySocket(path: dir.appendingPathComponent("notify").path)
        let daemon = try DaemonProcess(
            sysfs: tree, database: dir.appendingPathComponent("f.db").path,
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "400000"])
        var messages = socket.receive(for: 2.0)
        daemon.signal(SIGTERM)
        messages += socket.receive(for: 1.0)
        let (status, log) = daemon.wait()
        #expect(status == 0, "\(log)")
        #expect(messages.first?.hasPrefix("READY=1\nSTATUS=sampling 9 power domains") == true, "\(messages)")
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 3, "\(messages)")
        #expect(messages.contains("STOPPING=1"))
    }

    @Test func anUnwritableStoreIsAClearErrorAndNonZeroExit() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("missing-dir/f.db").path
        let daemon = try DaemonProcess(sysfs: tree, database: db)
        let (status, log) = daemon.wait()
        #expect(status != 0)
        #expect(log.contains(dir.appendingPathComponent("missing-dir").path), "\(log)")
    }

    @Test func aBadConfigurationNamesEveryWrongKeyAndExits78() throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.toml")
        try "[sampler]\ninterval = \"-1s\"\nspeed = 3\n[probes]\nnvml = \"maybe\"\n".write(
            to: file, atomically: true, encoding: .utf8)
        let result = try Harness.run(Harness.frugal, ["daemon", "--config", file.path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("configuration has 3 problems"), "\(result.stderr)")
        for key in ["sampler.interval", "sampler.speed", "probes.nvml"] {
            #expect(result.stderr.contains(key), "\(key) missing from \(result.stderr)")
        }
        let check = try Harness.run(Harness.frugal, ["config", "check", file.path])
        #expect(check.status == 78)
        let example = try Harness.run(
            Harness.frugal, ["config", "check", Harness.root.appendingPathComponent("Deploy/frugal.example.toml").path])
        #expect(example.status == 0, "\(example.stderr)")
    }

    @Test func zeroAndNegativeIntervalsAreRefusedOnTheCommandLine() throws {
        for interval in ["0s", "-1s", "10ms"] {
            let result = try Harness.run(Harness.frugal, ["daemon", "--sysfs-root", tree, "--interval=\(interval)"])
            #expect(result.status == 64, "--interval \(interval): \(result.stderr)")
            #expect(result.stderr.contains("100ms to 60s"))
        }
    }
}

/// Waits (up to 60 s) until the store holds more than `count` committed samples.
/// Waits until the daemon has committed more than `count` samples; a daemon
/// that commits nothing in two minutes (a very loaded machine) fails here,
/// by name, rather than in a later expectation.
private func waitForSamples(in db: String, moreThan count: Int) throws {
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
        let committed = Int((try? DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? "") ?? 0
        if committed > count { return }
        Thread.sleep(forTimeInterval: 0.1)
    }
    Issue.record("the daemon committed no more than \(count) samples in 120 s")
}
