/// An opaque GPU handle (`nvmlDevice_t`), valid between `initialize()` and `shutdown()`.
///
/// The real library's handle is a pointer; its bits are kept here so that a
/// replay can use plain indices and the protocol stays free of C types.
public struct NVMLDevice: Hashable, Sendable {
    public var bits: UInt
    public init(bits: UInt) { self.bits = bits }
}

/// The NVML calls Frugal makes, and nothing else: a narrow seam with a real
/// implementation (`DlopenNVML`) and a recorded one (`ReplayNVML`).
///
/// Every call throws an `NVMLError` carrying the library's return code;
/// `NVMLError.probeFailure` says what it means for measuring.
public protocol NVMLLibrary: AnyObject {
    /// `nvmlInit_v2`. Loads the library first when it is opened at run time.
    func initialize() throws(NVMLError)
    /// `nvmlShutdown`. Handles are invalid afterwards.
    func shutdown() throws(NVMLError)
    /// `nvmlDeviceGetCount_v2`: the GPUs this process may see.
    func deviceCount() throws(NVMLError) -> UInt32
    /// `nvmlDeviceGetHandleByIndex_v2`.
    func device(at index: UInt32) throws(NVMLError) -> NVMLDevice
    /// `nvmlDeviceGetUUID`: `GPU-` followed by a UUID, stable across reboots.
    func uuid(of device: NVMLDevice) throws(NVMLError) -> String
    /// `nvmlDeviceGetName`: the product name (`NVIDIA H100 80GB HBM3`).
    func name(of device: NVMLDevice) throws(NVMLError) -> String
    /// `nvmlDeviceGetTotalEnergyConsumption`: millijoules since the driver was
    /// loaded (Volta and later; `NOT_SUPPORTED` before).
    func totalEnergyConsumptionMillijoules(of device: NVMLDevice) throws(NVMLError) -> UInt64
    /// `nvmlDeviceGetPowerUsage`: milliwatts, averaged by the driver over a
    /// short window (so it misses bursts shorter than that window).
    func powerUsageMilliwatts(of device: NVMLDevice) throws(NVMLError) -> UInt32
    /// `nvmlDeviceGetPowerManagementLimit`: the board's power cap in milliwatts.
    func powerManagementLimitMilliwatts(of device: NVMLDevice) throws(NVMLError) -> UInt32
}
