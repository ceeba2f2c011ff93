import Foundation
import FrugalCore
import FrugalProbes
import Testing

/// `Probes/capture.sh` run against catalogue trees: what it records must read
/// exactly as the original with the real sources.
@Suite struct CaptureScriptTests {
    @Test(arguments: ["kepler-fixture", "node-exporter-fixture", "rapl-full-server", "hwmon-acpi-power-meter"])
    func capturedTreeReadsLikeTheOriginal(_ entry: String) throws {
        let scratch = try TestTree()
        let output = scratch.root + "/captured"
        let original = Catalogue.root.path + "/" + entry + "/sys"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Catalogue.root.path + "/capture.sh"]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "FRUGAL_CAPTURE_SYSFS_ROOT": original, "FRUGAL_CAPTURE_OUT": output,
        ]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: output + "/manifest.json"))
        #expect(try String(contentsOfFile: output + "/skipped.txt", encoding: .utf8).isEmpty)
        for make in [{ RAPLSource(sysfsRoot: $0) as any PowerSource }, { HwmonSource(sysfsRoot: $0) }] {
            let (before, after) = (make(original), make(output + "/sys"))
            #expect(before.discover() == after.discover())
            #expect(before.read() == after.read())
        }
    }
}
