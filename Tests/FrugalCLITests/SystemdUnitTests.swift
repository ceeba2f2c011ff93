import Foundation
import Testing

@Suite("Deploy/frugal.service, checked by systemd-analyze")
struct SystemdUnitTests {
    let unit = Harness.root.appendingPathComponent("Deploy/frugal.service")

    @Test func exposureIsAtMostTwo() throws {
        guard Harness.available("systemd-analyze") else { return }
        // systemd's --threshold is in tenths of the displayed 0–10 scale:
        // 20 means "fail above an exposure of 2.0".
        let result = try Harness.run("systemd-analyze", ["security", "--offline=yes", "--threshold=20", unit.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") })
        let score = try #require(line.split(separator: " ").compactMap { Double($0) }.first)
        #expect(score <= 2.0, "exposure \(score)")
    }

    @Test func verifyAcceptsTheUnit() throws {
        guard Harness.available("systemd-analyze") else { return }
        // verify checks that ExecStart exists: point it at the binary under test.
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: unit, encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/frugal", with: Harness.frugal)
        let copy = dir.appendingPathComponent("frugal.service")
        try text.write(to: copy, atomically: true, encoding: .utf8)
        let result = try Harness.run("systemd-analyze", ["verify", copy.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("Unknown"), "\(result.stderr)")
    }

    @Test func theUnitGrantsOnlyTheCapabilityToReadEnergyCounters() throws {
        let text = try String(contentsOf: unit, encoding: .utf8)
        #expect(text.contains("CapabilityBoundingSet=CAP_DAC_READ_SEARCH\n"))
        #expect(text.contains("AmbientCapabilities=CAP_DAC_READ_SEARCH\n"))
        #expect(text.contains("ProtectSystem=strict"))
        #expect(text.contains("StateDirectory=frugal"))
        #expect(text.contains("Type=notify"))
        #expect(text.contains("ExecStart=/usr/local/bin/frugal daemon --config /etc/frugal/frugal.toml"))
    }
}
