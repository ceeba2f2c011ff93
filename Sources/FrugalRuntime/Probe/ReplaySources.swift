import FrugalCore
import FrugalNVML
import FrugalProbes

#if canImport(Glibc)
    import Glibc
#endif

/// The sources of a `Probes/` catalogue entry, read as if it were the host:
/// its `sys/` tree through the real sysfs readers and its NVML `trace.csv`
/// through the real NVML reader, one trace instant per read.
enum ReplaySources {
    static func make(entry: String, config: FrugalConfig) -> SourceSet {
        var set = SourceSet(sources: [], problems: [])
        let sysfs = "\(entry)/sys"
        if access(sysfs, F_OK) == 0 {
            if config.rapl { set.sources.append(RAPLSource(sysfsRoot: sysfs)) }
            if config.hwmon != .off { set.sources.append(HwmonSource(sysfsRoot: sysfs)) }
        }
        let tracePath = "\(entry)/trace.csv"
        guard config.nvml != .off, access(tracePath, F_OK) == 0 else { return set }
        do {
            let replay = ReplayNVML(trace: try NVMLTrace(contentsOfFile: tracePath))
            set.sources.append(SteppingSource(inner: NVMLSource(library: replay), replay: replay))
        } catch {
            set.problems.append(
                ProbeProblem(
                    source: "nvml", location: tracePath,
                    failure: ProbeFailure(.unavailable, "unreadable trace: \(error)")))
        }
        return set
    }
}

/// An NVML replay that moves one instant forward before each read and stays
/// on the last instant when the trace ends.
final class SteppingSource: PowerSource {
    let inner: NVMLSource
    let replay: ReplayNVML
    private var started = false

    init(inner: NVMLSource, replay: ReplayNVML) {
        self.inner = inner
        self.replay = replay
    }

    var name: String { inner.name }
    func discover() -> Discovery { inner.discover() }

    func read() -> [DomainID: Result<Reading, ProbeFailure>] {
        if started { replay.advance() }
        started = true
        return inner.read()
    }
}
