import FrugalCore
import FrugalNVML
import FrugalProbes

/// The power sources a configuration asks for, built and ready to discover.
public struct SourceSet {
    public var sources: [any PowerSource]
    /// Sources that could not even be set up (NVML required but absent, …).
    public var problems: [ProbeProblem]

    /// Builds the sources for `config`. Nothing is read yet.
    /// - Parameter hostSysfs: the host's own sysfs mount, where libsensors
    ///   looks; `auto` hwmon uses libsensors only when `config.sysfsRoot` is it.
    public static func make(config: FrugalConfig, hostSysfs: String = "/sys") -> SourceSet {
        if let entry = config.replay { return ReplaySources.make(entry: entry, config: config) }
        var set = SourceSet(sources: [], problems: [])
        if config.rapl { set.sources.append(RAPLSource(sysfsRoot: config.sysfsRoot)) }
        switch config.hwmon {
        case .off: break
        case .sysfs, .auto, .libsensors:
            // libsensors reads its hard-coded /sys: it is used when asked and
            // reading the host itself; replays and captures use raw sysfs.
            if let sensors = SensorsFactory.make(config: config, hostSysfs: hostSysfs) {
                set.sources.append(sensors.source)
                set.problems += sensors.problems
            } else {
                set.sources.append(HwmonSource(sysfsRoot: config.sysfsRoot))
            }
        }
        if config.nvml != .off {
            set.sources.append(NVMLSource(library: DlopenNVML(libraryPath: config.nvmlLibrary)))
        }
        return set
    }
}
