import Foundation
import FrugalRuntime
import Testing

@Suite("frugal doctor: findings with their fixes")
struct DoctorTests {
    let probes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Probes")
        .standardized

    func doctor(_ entry: String, store: String? = nil, modules: String = "") throws -> [String: DoctorCheck] {
        let proc = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: proc, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: proc) }
        try modules.write(to: proc.appendingPathComponent("modules"), atomically: true, encoding: .utf8)
        var config = FrugalConfig()
        config.sysfsRoot = probes.appendingPathComponent("\(entry)/sys").path
        config.procRoot = proc.path
        config.hwmon = .sysfs
        config.nvml = .off
        config.store = "sqlite:" + (store ?? proc.appendingPathComponent("f.db").path)
        let checks = Doctor(config: config, hostSysfs: "/nonexistent-host-sysfs").run()
        return Dictionary(uniqueKeysWithValues: checks.map { ($0.name, $0) })
    }

    @Test func aHostWithoutRAPLIsToldToLoadTheModule() throws {
        let checks = try doctor("empty")
        #expect(checks["RAPL"]?.status == .warning)
        #expect(checks["RAPL"]?.fix?.contains("modprobe intel_rapl_msr") == true)
        #expect(checks["hwmon"]?.fix?.contains("acpi_power_meter") == true)
        #expect(checks["store"]?.status == .ok)
    }

    @Test func aLoadedModuleIsNotSuggestedAgain() throws {
        let checks = try doctor("empty", modules: "intel_rapl_msr 20480 0 - Live 0x0\n")
        #expect(checks["RAPL"]?.fix == nil)
    }

    @Test func aFullServerIsOkAndSaysWhatItFound() throws {
        let checks = try doctor("rapl-full-server")
        #expect(checks["RAPL"]?.status == .ok)
        #expect(checks["RAPL"]?.detail.hasPrefix("9 zone(s)") == true)
        #expect(checks["whole-node meter"]?.status == .warning)
    }

    @Test func aWholeNodeMeterIsRecognised() throws {
        let checks = try doctor("hwmon-acpi-power-meter")
        #expect(checks["whole-node meter"]?.status == .ok)
        #expect(checks["hwmon"]?.status == .ok)
    }

    @Test func anUnwritableStoreIsAFailureWithTheFix() throws {
        let checks = try doctor("empty", store: "/nonexistent/frugal/frugal.db")
        #expect(checks["store"]?.status == .failure)
        #expect(checks["store"]?.fix?.contains("install -d") == true)
    }

    @Test func everyFindingBelowOkCarriesAFixOrSaysWhy() throws {
        for entry in ["empty", "rapl-full-server", "hwmon-acpi-power-meter", "kepler-fixture"] {
            for check in try doctor(entry).values where check.status != .ok {
                #expect(check.fix != nil || !check.detail.isEmpty, "\(entry): \(check.name)")
            }
        }
    }
}
