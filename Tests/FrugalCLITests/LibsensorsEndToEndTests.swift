import Foundation
import Testing

/// The real libsensors, inside `frugal probe`, on a captured tree: libsensors
/// only reads the host's /sys, so a private mount namespace lays the capture's
/// `class` and `devices` over it (sysfs itself must stay: libsensors checks it).
@Suite("libsensors end to end on a captured tree")
struct LibsensorsEndToEndTests {
    @Test func libsensorsAndRawSysfsGiveTheSameDomainsAndWatts() throws {
        guard getuid() == 0 else { return }  // mount namespaces need root here
        guard Harness.available("unshare") else { return }
        let tree = Harness.root.appendingPathComponent("Probes/hwmon-acpi-power-meter/sys").path
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("libsensors.toml")
        try "[probes]\nhwmon = \"libsensors\"\nrapl = false\nnvml = \"off\"\n".write(
            to: config, atomically: true, encoding: .utf8)
        let script = """
            mount --bind \(tree)/class /sys/class && mount --bind \(tree)/devices /sys/devices && \
            exec \(Harness.frugal) probe --config \(config.path) --format json
            """
        let viaLibsensors = try Harness.run("unshare", ["-m", "sh", "-c", script])
        guard viaLibsensors.status == 0 || !viaLibsensors.stderr.contains("Operation not permitted") else {
            if Harness.toolsRequired { Issue.record("unshare -m is not permitted: \(viaLibsensors.stderr)") }
            return
        }
        #expect(viaLibsensors.status == 0, "\(viaLibsensors.stderr)")
        let viaSysfs = try Harness.run(
            Harness.frugal, ["probe", "--sysfs-root", tree, "--format", "json"],
            environment: ["FRUGAL_PROBES_RAPL": "false", "FRUGAL_PROBES_NVML": "off", "PATH": "/usr/bin:/bin"])
        #expect(viaSysfs.status == 0, "\(viaSysfs.stderr)")
        let a = try readings(viaLibsensors.stdout)
        let b = try readings(viaSysfs.stdout)
        #expect(
            a.keys.sorted() == [
                "hwmon:amdgpu@0000:03:00.0/power1", "hwmon:amdgpu@0000:c3:00.0/power1", "hwmon:power_meter/power1",
            ])
        #expect(a == b)
        #expect(try sources(viaLibsensors.stdout) == ["libsensors"])
    }

    struct Report: Decodable {
        struct Entry: Decodable {
            var id: String
            var source: String
            var powerMicrowatts: Int64?
        }
        var entries: [Entry]
    }

    func readings(_ json: String) throws -> [String: Int64] {
        let report = try JSONDecoder().decode(Report.self, from: Data(json.utf8))
        return Dictionary(uniqueKeysWithValues: report.entries.map { ($0.id, $0.powerMicrowatts ?? -1) })
    }

    func sources(_ json: String) throws -> Set<String> {
        Set(try JSONDecoder().decode(Report.self, from: Data(json.utf8)).entries.map(\.source))
    }
}
