import Foundation
import Testing

@Suite("frugal probe and --help, output in full")
struct ProbeOutputTests {
    let environment = ["FRUGAL_PROBES_NVML": "off", "PATH": "/usr/bin:/bin"]

    @Test func textReportOfTheFullServer() throws {
        let tree = Harness.root.appendingPathComponent("Probes/rapl-full-server/sys").path
        let result = try Harness.run(Harness.frugal, ["probe", "--sysfs-root", tree], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let golden = Harness.root.appendingPathComponent("Tests/FrugalCLITests/Goldens/probe-rapl-full-server.txt")
        try Goldens.check(result.stdout, against: golden)
    }

    @Test func permissionDeniedIsUnavailableWithTheFixNeverZero() throws {
        // As root every file reads: drop to nobody with setpriv, as an unprivileged daemon would run.
        guard Harness.available("setpriv") else { return }
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("sys")
        try FileManager.default.copyItem(
            at: Harness.root.appendingPathComponent("Probes/rapl-full-server/sys"), to: tree)
        let denied = tree.appendingPathComponent("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj").path
        #expect(chmod(denied, 0o400) == 0)
        try Harness.run("chmod", ["-R", "a+rX", dir.path])
        #expect(chmod(denied, 0o400) == 0)
        let result = try Harness.run(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", Harness.frugal, "probe", "--sysfs-root", tree.path],
            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("rapl class/powercap/intel-rapl:0"), "\(result.stdout)")
        #expect(result.stdout.contains("CAP_DAC_READ_SEARCH"), "\(result.stdout)")
        #expect(!result.stdout.contains("rapl:intel-rapl:0  package"), "a denied zone must not be listed as read")
    }

    @Test func helpTeachesEveryCommand() throws {
        let result = try Harness.run(Harness.frugal, ["--help"])
        #expect(result.status == 0)
        let golden = Harness.root.appendingPathComponent("Tests/FrugalCLITests/Goldens/help.txt")
        try Goldens.check(result.stdout, against: golden)
        for command in ["demo", "probe", "doctor", "daemon", "config"] {
            let help = try Harness.run(Harness.frugal, [command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: frugal \(command)"), "\(command): \(help.stdout)")
        }
    }

    @Test func usageErrorsExit64AndSayWhatToTypeInstead() throws {
        let result = try Harness.run(Harness.frugal, ["probe", "--format", "yaml"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("text") && result.stderr.contains("json"), "\(result.stderr)")
        let missing = try Harness.run(Harness.frugal, ["probe", "--sysfs-root", "/nonexistent"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("class/powercap"), "\(missing.stderr)")
    }
}

/// Golden files: compared exactly; `FRUGAL_UPDATE_GOLDENS=1` rewrites them.
enum Goldens {
    static func check(_ actual: String, against url: URL) throws {
        if ProcessInfo.processInfo.environment["FRUGAL_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(url.lastPathComponent); FRUGAL_UPDATE_GOLDENS=1 rewrites it")
    }
}
