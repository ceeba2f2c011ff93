import FrugalCore
import FrugalProbes
import FrugalSensors

/// Chooses between libsensors and raw sysfs for hwmon.
///
/// libsensors applies the lm-sensors chip configuration (labels, `compute`
/// and `ignore` lines), but it reads the host's own `/sys` only: a replayed or
/// captured tree is read by the raw sysfs reader, whatever the mode.
enum SensorsFactory {
    struct Made {
        var source: any PowerSource
        var problems: [ProbeProblem]
    }

    /// nil means: read hwmon from raw sysfs.
    static func make(config: FrugalConfig, hostSysfs: String) -> Made? {
        let onHost = config.sysfsRoot == hostSysfs && config.replay == nil
        switch config.hwmon {
        case .off, .sysfs:
            return nil
        case .libsensors where !onHost:
            let problem = ProbeProblem(
                source: "libsensors", location: config.sysfsRoot,
                failure: ProbeFailure(
                    .unavailable, "libsensors reads \(hostSysfs) only; \(config.sysfsRoot) is read as raw sysfs",
                    fix: "[probes] hwmon = \"sysfs\" for captured trees"))
            return Made(source: HwmonSource(sysfsRoot: config.sysfsRoot), problems: [problem])
        case .libsensors:
            return Made(source: SensorsSource(library: LibSensors()), problems: [])
        case .auto:
            guard onHost else { return nil }
            let library = LibSensors()
            do {
                try library.initialize(configPath: nil)
                library.cleanup()
            } catch {
                return nil
            }
            return Made(source: SensorsSource(library: LibSensors()), problems: [])
        }
    }
}
