import FrugalCore

extension NVMLError {
    /// What the failure means for measuring, with the fix a person can apply.
    ///
    /// - absent: no usable NVIDIA stack on this host (no library, no driver,
    ///   no such GPU). Expected on CPU-only hosts.
    /// - unavailable: the GPU is there but this reading cannot be had (no
    ///   permission, not supported, a driver too old or half upgraded).
    /// - transient: the read may work next time (timeout, GPU fallen off the
    ///   bus and possibly recovering after a reset).
    public var probeFailure: ProbeFailure {
        let reason = "NVML \(code.name): \(message)"
        switch code {
        case .libraryNotFound:
            return ProbeFailure(
                .absent, reason,
                fix: "install the NVIDIA driver, which ships libnvidia-ml.so.1 "
                    + "(Debian: apt install nvidia-driver libnvidia-ml1)")
        case .driverNotLoaded:
            return ProbeFailure(
                .absent, reason,
                fix: "load the NVIDIA kernel driver (modprobe nvidia) or install it "
                    + "(Debian: apt install nvidia-driver)")
        case .notFound, .gpuNotFound:
            return ProbeFailure(.absent, reason)
        case .noPermission, .operatingSystem:
            return ProbeFailure(
                .unavailable, reason,
                fix: "run frugal as root or give it access to /dev/nvidia* "
                    + "(container: --gpus all or the device cgroup rule)")
        case .notSupported:
            return ProbeFailure(.unavailable, reason)
        case .functionNotFound:
            return ProbeFailure(
                .unavailable, reason, fix: "upgrade the NVIDIA driver (the call needs a newer NVML)")
        case .libRMVersionMismatch:
            return ProbeFailure(
                .unavailable, reason,
                fix: "the driver was upgraded but the old kernel module is loaded: reboot")
        case .resetRequired, .corruptedInforom, .uninitialized:
            return ProbeFailure(.unavailable, reason, fix: code == .resetRequired ? "nvidia-smi -r, or reboot" : nil)
        case .gpuIsLost:
            return ProbeFailure(
                .transient, reason,
                fix: "the GPU fell off the bus: look for Xid errors in dmesg; a reset or reboot may recover it")
        default:
            return ProbeFailure(.transient, reason)
        }
    }
}
