import Foundation
import FrugalCore
import Testing

@testable import FrugalNVML

/// `Probes/record-nvml.py` run against the fake NVML library: what it writes
/// must be a trace that `NVMLTrace` reads and `ReplayNVML` replays.
@Suite struct RecordNVMLScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Probes/record-nvml.py")

    @Test func recordsATraceThatReplays() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let library = try FakeNVMLLibrary.build(in: directory) else { return }
        let output = directory.appendingPathComponent("trace.csv")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = [
            Self.script.path, "--library", library, "--interval", "0.05", "--duration", "0.22", "-o", output.path,
        ]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)

        let trace = try NVMLTrace(contentsOfFile: output.path)
        #expect(trace.gpuUUIDs.count == 3)
        #expect(trace.timestamps.count >= 3)
        #expect(trace.rows.count == 3 * trace.timestamps.count)
        let first = trace.rows.filter { $0.gpuUUID == trace.gpuUUIDs[0] }
        let rising: [UInt64] = (0..<first.count).map { UInt64(1_000_000 + 250 * $0) }
        #expect(first.compactMap(\.energyMillijoules) == rising)
        let second = trace.rows.filter { $0.gpuUUID == trace.gpuUUIDs[1] }
        #expect(second.map(\.energyMillijoules) == second.map { _ -> UInt64? in nil })
        #expect(second.map(\.powerMilliwatts) == second.map { _ -> UInt32? in 75_000 })
        #expect(second.map(\.error) == second.map { _ -> NVMLReturn? in nil })
        let third = trace.rows.filter { $0.gpuUUID == trace.gpuUUIDs[2] }
        #expect(third.map(\.error) == third.map { _ -> NVMLReturn? in .gpuIsLost })
        #expect(third.map(\.gpuName) == third.map { _ in "Fake Lost" })
    }

    @Test func aMissingLibraryExitsWithAMessage() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let python = Process()
        let errors = Pipe()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = [Self.script.path, "--library", "/nonexistent/libnvidia-ml.so.1", "--duration", "0.1"]
        python.standardError = errors
        python.standardOutput = FileHandle.nullDevice
        try python.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 1)
        #expect(message.contains("cannot load /nonexistent/libnvidia-ml.so.1"))
        #expect(message.contains("install the NVIDIA driver"))
    }
}
