import Foundation
import Testing

/// Real libsensors on the catalogue's trees: re-runs `Probes/sensors-capture.sh`
/// (`sensors -j` in a private mount namespace over the tree) and checks that
/// the committed snapshot is still what libsensors says. Needs root, `unshare`
/// and `sensors`; skipped (passing) where any is missing.
@Suite struct SensorsCaptureTests {
    static let probes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Probes")

    static func run(_ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static var canCapture: Bool {
        getuid() == 0 && run(["-c", "command -v sensors && unshare -m true"]) == 0
    }

    @Test(arguments: SensorsProbeCatalogueTests.entries())
    func theCommittedSnapshotIsWhatLibsensorsSays(_ entry: String) throws {
        guard Self.canCapture else { return }
        let manifest = try SensorsProbeCatalogueTests.manifest(entry)
        let folder = Self.probes.appendingPathComponent(entry)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "frugal-capture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var arguments = [
            Self.probes.appendingPathComponent("sensors-capture.sh").path,
            folder.appendingPathComponent(manifest.tree).standardized.path, output.path,
        ]
        if let config = manifest.config { arguments.append(folder.appendingPathComponent(config).path) }
        #expect(Self.run(arguments) == 0)
        let fresh = try String(contentsOf: output.appendingPathComponent("sensors.json"), encoding: .utf8)
        let committed = try String(contentsOf: folder.appendingPathComponent(manifest.snapshot), encoding: .utf8)
        #expect(fresh == committed, "libsensors now says otherwise about \(entry): recapture it")
    }
}
