import Foundation
import Testing

/// The daemon serves the cost API and `/metrics` from its own store, and
/// fetches eCO2mix on schedule; neither ever stops sampling or holds SIGTERM.
@Suite("frugal daemon: cost API, /metrics and eCO2mix fetching inside the daemon", .serialized)
struct DaemonServerTests {
    let tree = Harness.root.appendingPathComponent("Probes/rapl-full-server/sys").path

    @Test func servesHealthMetricsAndTheAPIFromItsOwnStoreWhileSampling() async throws {
        guard Harness.available("curl"), Harness.available("sqlite3") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gateway = dir.appendingPathComponent("gateway.jsonl")
        try FileManager.default.copyItem(
            at: Harness.root.appendingPathComponent("Tests/FrugalIngestTests/Fixtures/generic.jsonl"), to: gateway)
        let config = dir.appendingPathComponent("frugal.toml")
        try "[ingest]\nformat = \"jsonl\"\n[ingest.logs]\ngateway = \"\(gateway.path)\"\n".write(
            to: config, atomically: true, encoding: .utf8)
        let db = dir.appendingPathComponent("f.db").path
        let daemon = try DaemonProcess(sysfs: tree, database: db, arguments: ["--config", config.path])
        let base = try #require(await Self.listening(daemon), "\(daemon.logText)")

        let health = try Curl.get(base + "/healthz")
        #expect(health.status == 200 && health.body.contains("\"ok\""), "\(health)")
        // The captured tree does not advance: its domains read 0 W, and their probe succeeds.
        let metrics = try #require(
            await Curl.poll(base + "/metrics") { $0.contains("frugal_probe_success{host=") }, "no probe in /metrics")
        #expect(metrics.contains("frugal_domain_power_watts{") && metrics.contains("probe=\"rapl\"} 1"), "\(metrics)")
        if Harness.available("promtool") {
            let file = dir.appendingPathComponent("scrape.prom")
            try metrics.write(to: file, atomically: true, encoding: .utf8)
            let check = try Harness.run("sh", ["-c", "promtool check metrics < \"$0\"", file.path])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
        let models = try Curl.get(base + "/v1/models")
        #expect(models.status == 200)
        let object = try JSONSerialization.jsonObject(with: Data(models.body.utf8)) as? [String: Any]
        #expect(object?["models"] is [Any], "\(models.body)")
        // The requests the daemon ingested are read back through the API, live.
        let page = try #require(
            await Curl.poll(base + "/v1/requests?from=2025-06-06T00:00:00Z&to=2025-06-07T00:00:00Z") {
                $0.contains("req-001")
            }, "ingested requests never appeared in /v1/requests")
        let stored = try DaemonProcess.query(db, "select count(*) from requests")
        #expect(page.components(separatedBy: "\"id\":").count - 1 == Int(stored), "\(page)")

        daemon.signal(SIGTERM)
        let (status, log) = try await daemon.stopped()
        #expect(status == 0, "\(log)")
        #expect(log.contains("stopped cleanly"))
        #expect(Int(try DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? 0 > 0)
    }

    @Test func anAddressInUseIsAStartupErrorNamingTheKey() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try DaemonProcess(sysfs: tree, database: dir.appendingPathComponent("a.db").path)
        defer {
            first.signal(SIGTERM)
            _ = first.wait()
        }
        let base = try #require(await Self.listening(first), "\(first.logText)")
        let address = String(base.dropFirst("http://".count))
        let second = try DaemonProcess(
            sysfs: tree, database: dir.appendingPathComponent("b.db").path,
            environment: ["FRUGAL_SERVER_LISTEN": address])
        let (status, log) = try await second.stopped(timeout: 30)
        #expect(status == 78, "\(log)")
        #expect(log.contains("[server] listen \(address)") && log.contains("in use"), "\(log)")
    }

    @Test func eco2mixValuesReachTheStoreWhileSampling() async throws {
        guard Harness.available("sqlite3"), let feed = try await ODREReplay() else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("f.db").path
        let daemon = try DaemonProcess(
            sysfs: tree, database: db,
            environment: ["FRUGAL_CARBON_FETCH": "true", "FRUGAL_CARBON_API_BASE_URL": feed.baseURL("recent")])
        let deadline = Date().addingTimeInterval(60)
        var counts = ""
        while Date() < deadline {
            counts =
                (try? DaemonProcess.query(
                    db,
                    "select group_concat(source || '=' || n) from (select source, count(*) n from grid_intensity group by source)"
                )) ?? ""
            if counts.contains("live=") && counts.contains("consolidated=") { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(counts.contains("live=") && counts.contains("consolidated="), "\(counts) \(daemon.logText)")
        daemon.signal(SIGTERM)
        let (status, log) = try await daemon.stopped()
        #expect(status == 0, "\(log)")
        #expect(Int(try DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? 0 > 0)
    }

    @Test(arguments: ["always500", "timeout"])
    func aFailingFeedLeavesTheDaemonSamplingWithFallbacks(scenario: String) async throws {
        guard Harness.available("sqlite3"), let feed = try await ODREReplay() else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("f.db").path
        let daemon = try DaemonProcess(
            sysfs: tree, database: db,
            environment: [
                "FRUGAL_CARBON_FETCH": "true", "FRUGAL_CARBON_API_BASE_URL": feed.baseURL(scenario),
                "FRUGAL_CARBON_TIMEOUT": "1s",
            ])
        #expect(try await daemon.waitForLog(containing: "fetching grid intensity") != nil, "\(daemon.logText)")
        let before = Int((try? DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? "") ?? 0
        try await Task.sleep(for: .seconds(3))
        let after = Int(try DaemonProcess.query(db, "select sum(sample_count) from rollup_minute")) ?? 0
        #expect(after > before, "sampling goes on while the feed fails")
        #expect(
            try DaemonProcess.query(db, "select count(*) from grid_intensity where source in ('live', 'consolidated')")
                == "0")
        let now = try Harness.run(
            Harness.frugal, ["carbon", "now", "--offline", "--format", "json", "--store", "sqlite:\(db)"])
        let json = try JSONSerialization.jsonObject(with: Data(now.stdout.utf8)) as? [String: Any]
        let source = (json?["direct"] as? [String: Any])?["source"] as? String
        #expect(["historical", "historical_profile", "static"].contains(source ?? ""), "\(now.stdout)\(now.stderr)")
        // The fetch still in flight (retrying, or waiting on a silent server) does not hold SIGTERM.
        let stopping = Date()
        daemon.signal(SIGTERM)
        let (status, log) = try await daemon.stopped()
        #expect(status == 0, "\(log)")
        #expect(Date().timeIntervalSince(stopping) < 5, "shutdown took \(Date().timeIntervalSince(stopping)) s")
    }

    /// `http://host:port` from the daemon's "cost API listening" line (`server.address=…`).
    static func listening(_ daemon: DaemonProcess) async -> String? {
        guard let line = try? await daemon.waitForLog(containing: "cost API listening"),
            let range = line.range(of: "server.address=")
        else { return nil }
        let address = line[range.upperBound...].prefix { !$0.isWhitespace }
        return "http://\(address)"
    }
}

/// curl, the real client.
enum Curl {
    static func get(_ url: String) throws -> (status: Int, body: String) {
        let result = try Harness.run("curl", ["-sS", "--max-time", "10", "-w", "\n%{http_code}", url])
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (status, lines.joined(separator: "\n"))
    }

    /// The body of the first 200 answer that satisfies `ready`, polled for up to 30 s.
    static func poll(_ url: String, until ready: (String) -> Bool) async throws -> String? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let answer = try get(url)
            if answer.status == 200 && ready(answer.body) { return answer.body }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }
}

/// FrugalCarbonTests' ODRÉ replay server (`Fixtures/odre/replay_server.py`) on a
/// free loopback port; nil (the test skips) without python3 unless CI requires it.
final class ODREReplay {
    let process = Process()
    let port: Int

    init?() async throws {
        guard let python = Harness.which("python3") else {
            if Harness.toolsRequired { Issue.record("python3 is required in CI") }
            return nil
        }
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            Harness.root.appendingPathComponent("Tests/FrugalCarbonTests/Fixtures/odre/replay_server.py").path
        ]
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
            kill(process.processIdentifier, SIGKILL)
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "replay server said: \(text)"])
        }
        self.port = port
    }

    func baseURL(_ scenario: String) -> String { "http://127.0.0.1:\(port)/\(scenario)" }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
