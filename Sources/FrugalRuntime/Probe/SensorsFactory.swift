import FrugalCore
import FrugalProbes

/// Chooses libsensors for hwmon when the configuration allows it.
enum SensorsFactory {
    struct Made {
        var source: any PowerSource
        var problems: [ProbeProblem]
    }

    /// nil means: read hwmon from raw sysfs.
    static func make(config: FrugalConfig, hostSysfs: String) -> Made? {
        nil
    }
}
