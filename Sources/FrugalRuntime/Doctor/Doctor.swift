import CFrugalShims
import FrugalCore
import FrugalProbes

#if canImport(Glibc)
    import Glibc
#endif

/// `frugal doctor`: what works on this host, what does not, and the exact
/// command that fixes it. Reads only under the configured roots.
public struct Doctor {
    public let config: FrugalConfig
    public let hostSysfs: String

    public init(config: FrugalConfig, hostSysfs: String = "/sys") {
        self.config = config
        self.hostSysfs = hostSysfs
    }

    public func run() -> [DoctorCheck] {
        let sources = SourceSet.make(config: config, hostSysfs: hostSysfs)
        var discovery = Discovery(problems: sources.problems)
        for source in sources.sources { discovery = discovery + source.discover() }
        return [rapl(discovery), hwmon(discovery), gpu(discovery), wholeNode(discovery), store(), clock()]
    }

    private func rapl(_ discovery: Discovery) -> DoctorCheck {
        guard config.rapl else {
            return DoctorCheck("RAPL", .warning, "disabled in the configuration", fix: "[probes] rapl = true")
        }
        let zones = discovery.domains.filter { $0.source == "rapl" }
        let problems = discovery.problems.filter { $0.source == "rapl" }
        if let denied = problems.first(where: { $0.failure.kind == .unavailable }) {
            return DoctorCheck("RAPL", .failure, denied.failure.reason, fix: denied.failure.fix)
        }
        if zones.isEmpty {
            let modules = loadedModules()
            let fix =
                modules.contains("intel_rapl_msr")
                ? nil : "sudo modprobe intel_rapl_msr (Intel, AMD Zen): then check \(config.sysfsRoot)/class/powercap"
            return DoctorCheck("RAPL", .warning, problems.first?.failure.reason ?? "no RAPL zone found", fix: fix)
        }
        let names = zones.map(\.name).joined(separator: ", ")
        let status: DoctorCheck.Status = problems.isEmpty ? .ok : .warning
        let extra = problems.map { "; \($0.location): \($0.failure.reason)" }.joined()
        return DoctorCheck("RAPL", status, "\(zones.count) zone(s): \(names)\(extra)", fix: problems.first?.failure.fix)
    }

    private func hwmon(_ discovery: Discovery) -> DoctorCheck {
        let sensors = discovery.domains.filter { $0.source == "hwmon" || $0.source == "libsensors" }
        guard config.hwmon != .off else { return DoctorCheck("hwmon", .warning, "disabled in the configuration") }
        if sensors.isEmpty {
            return DoctorCheck(
                "hwmon", .warning, "no hwmon power or energy sensor",
                fix: "servers with a BMC: sudo modprobe acpi_power_meter; then `sensors` should list power1")
        }
        return DoctorCheck("hwmon", .ok, "\(sensors.count) sensor(s): \(sensors.map(\.name).joined(separator: ", "))")
    }

    private func gpu(_ discovery: Discovery) -> DoctorCheck {
        let gpus = discovery.domains.filter { $0.source == "nvml" }
        let problem = discovery.problems.first { $0.source == "nvml" }
        let nvidiaOnBus = pciVendors().contains("0x10de")
        if !gpus.isEmpty {
            let how = gpus.map { "\($0.name) (\($0.method == .energyCounter ? "energy counter" : "power only"))" }
            return DoctorCheck("NVIDIA GPUs", .ok, how.joined(separator: ", "))
        }
        if config.nvml == .off {
            return DoctorCheck(
                "NVIDIA GPUs", nvidiaOnBus ? .warning : .ok, "NVML disabled in the configuration",
                fix: nvidiaOnBus ? "[probes] nvml = \"auto\"" : nil)
        }
        if nvidiaOnBus {
            return DoctorCheck(
                "NVIDIA GPUs", .failure,
                "an NVIDIA device is on the PCI bus but NVML gave none: \(problem?.failure.reason ?? "no GPU")",
                fix: problem?.failure.fix
                    ?? "install the NVIDIA driver (libnvidia-ml.so.1), e.g. sudo apt install nvidia-driver")
        }
        return DoctorCheck("NVIDIA GPUs", .ok, "none on this host (\(problem?.failure.reason ?? "NVML not loaded"))")
    }

    private func wholeNode(_ discovery: Discovery) -> DoctorCheck {
        if discovery.domains.contains(where: \.isWholeNode) {
            return DoctorCheck("whole-node meter", .ok, "present: it is the total, other domains are its breakdown")
        }
        return DoctorCheck(
            "whole-node meter", .warning,
            "none: figures cover the measured components only (no fans, PSU losses, disks, NICs)",
            fix: "servers with a BMC: sudo modprobe acpi_power_meter")
    }

    private func store() -> DoctorCheck {
        guard let path = config.sqlitePath else { return DoctorCheck("store", .ok, config.store) }
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let target = access(path, F_OK) == 0 ? path : (directory.isEmpty ? "/" : directory)
        if access(target, W_OK) == 0 {
            return DoctorCheck("store", .ok, "\(path) is writable")
        }
        let reason = String(cString: strerror(errno))
        return DoctorCheck(
            "store", .failure, "\(target) is not writable: \(reason)",
            fix: "sudo install -d -o frugal -g frugal \(directory) (the systemd unit's StateDirectory= does this)")
    }

    private func clock() -> DoctorCheck {
        var estimatedError = 0
        switch frugal_clock_synchronised(&estimatedError) {
        case 1:
            return DoctorCheck("clock", .ok, "synchronised (estimated error \(estimatedError) µs)")
        case 0:
            return DoctorCheck(
                "clock", .warning, "the wall clock is not synchronised: sample stamps may drift from the gateway logs",
                fix: "sudo timedatectl set-ntp true")
        default:
            return DoctorCheck("clock", .warning, "could not ask the kernel whether the clock is synchronised")
        }
    }

    private func loadedModules() -> Set<String> {
        let text = SysfsTree(root: config.procRoot).optionalText("modules") ?? ""
        return Set(text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
    }

    private func pciVendors() -> Set<String> {
        let tree = SysfsTree(root: config.sysfsRoot)
        let devices = tree.list("bus/pci/devices") ?? []
        return Set(devices.compactMap { tree.optionalText("bus/pci/devices/\($0)/vendor") })
    }
}
