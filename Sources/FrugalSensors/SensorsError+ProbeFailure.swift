import FrugalCore

extension SensorsError {
    /// What the error means for measuring. At start, a kernel interface error
    /// means there is no sysfs hwmon to read (absent); on a later read it is
    /// one failed attribute read (transient).
    public func probeFailure(atStart: Bool) -> ProbeFailure {
        let reason = "libsensors: \(message)"
        switch code {
        case SensorsError.kernel where atStart:
            return ProbeFailure(.absent, reason, fix: "mount sysfs at /sys, or run on a host with hwmon sensors")
        case SensorsError.accessRead:
            return ProbeFailure(.unavailable, reason, fix: "run frugal as root, or let it read the hwmon files")
        case SensorsError.parse:
            return ProbeFailure(
                .unavailable, reason, fix: "fix the lm-sensors configuration (check it with: sensors -c FILE)")
        default:
            return ProbeFailure(atStart ? .unavailable : .transient, reason)
        }
    }
}
