import Foundation

/// The real `prometheus-node-exporter`, run on a sysfs tree with only its
/// rapl and hwmon collectors, scraped once.
struct NodeExporterPeer {
    struct Series: Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Starts node_exporter on `sysfs`, scrapes /metrics, stops it.
    static func scrape(sysfs: String) throws -> [Series] {
        for attempt in 0..<5 {
            let port = 20_000 + Int.random(in: 0..<20_000) + attempt
            let process = Process()
            process.executableURL = URL(
                fileURLWithPath: Harness.which("prometheus-node-exporter") ?? "/usr/bin/prometheus-node-exporter")
            process.arguments = [
                "--path.sysfs", sysfs, "--collector.disable-defaults", "--collector.rapl", "--collector.hwmon",
                "--web.listen-address", "127.0.0.1:\(port)",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer {
                process.terminate()
                process.waitUntilExit()
            }
            // Poll until it answers: it binds within a few hundred milliseconds.
            for _ in 0..<50 {
                let result = try Harness.run("curl", ["-sf", "http://127.0.0.1:\(port)/metrics"])
                if result.status == 0 { return parse(result.stdout) }
                if !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
        throw PeerError(message: "node_exporter did not answer on any port")
    }

    struct PeerError: Error { var message: String }

    /// Parses the Prometheus text format lines we need (no escapes in our labels).
    static func parse(_ text: String) -> [Series] {
        text.split(separator: "\n").compactMap { line -> Series? in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " "),
                let value = Double(line[line.index(after: space)...])
            else { return nil }
            let head = line[..<space]
            guard let brace = head.firstIndex(of: "{") else {
                return Series(name: String(head), labels: [:], value: value)
            }
            var labels: [String: String] = [:]
            for pair in head[head.index(after: brace)..<head.index(before: head.endIndex)].split(separator: "\",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                labels[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            return Series(name: String(head[..<brace]), labels: labels, value: value)
        }
    }
}
