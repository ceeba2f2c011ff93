import FrugalCore
import FrugalProbes

/// NVIDIA GPUs as power domains, one per GPU, read through an `NVMLLibrary`.
///
/// Each GPU is a domain `nvml:<UUID>` (`nvml:GPU-5f3c…`): the UUID survives
/// reboots and re-enumeration, unlike the index. Where the driver keeps the
/// total energy counter (Volta and later) the domain is read as an
/// `.energyCounter` in µJ with no wrap range (a 64-bit count of mJ since the
/// driver loaded); where it answers `NOT_SUPPORTED`, the domain falls back to
/// power readings (`.integratedPower`), which the sampler integrates.
public final class NVMLSource: PowerSource {
    public let name = "nvml"
    private let library: any NVMLLibrary
    private var initialized = false
    private var gpus: [DomainID: GPU] = [:]

    /// The boards' power caps, found at discovery where NVML reports them: an
    /// upper bound for plausibility checks (a delta above cap × interval is a reset).
    public private(set) var powerLimits: [DomainID: Power] = [:]

    private struct GPU {
        var device: NVMLDevice
        var method: MeasurementMethod
    }

    public init(library: any NVMLLibrary) {
        self.library = library
    }

    deinit {
        if initialized { try? library.shutdown() }
    }

    public func discover() -> Discovery {
        gpus = [:]
        powerLimits = [:]
        do {
            if !initialized {
                try library.initialize()
                initialized = true
            }
            let count = try library.deviceCount()
            guard count > 0 else { return Discovery(problems: [noGPU]) }
            return (0..<count).map(discoverGPU).reduce(Discovery(), +)
        } catch {
            return Discovery(problems: [problem("libnvidia-ml", error)])
        }
    }

    public func read() -> [DomainID: Result<Reading, ProbeFailure>] {
        gpus.mapValues { gpu in
            Result { () throws(NVMLError) -> Reading in try reading(gpu) }.mapError(\.probeFailure)
        }
    }

    /// Releases NVML (`nvmlShutdown`); a later `discover()` initializes it again.
    public func shutdown() {
        guard initialized else { return }
        try? library.shutdown()
        initialized = false
        gpus = [:]
    }

    private func reading(_ gpu: GPU) throws(NVMLError) -> Reading {
        switch gpu.method {
        case .energyCounter:
            let millijoules = try library.totalEnergyConsumptionMillijoules(of: gpu.device)
            return .energyCounter(millijoules.multipliedReportingOverflow(by: 1_000).partialValue)
        case .integratedPower:
            let milliwatts = try library.powerUsageMilliwatts(of: gpu.device)
            return .power(Power(milliwatts: Int64(milliwatts)))
        }
    }

    private func discoverGPU(index: UInt32) -> Discovery {
        let location = "gpu \(index)"
        let device: NVMLDevice
        let uuid: String
        let productName: String
        do {
            device = try library.device(at: index)
            uuid = try library.uuid(of: device)
            productName = try library.name(of: device)
        } catch {
            return Discovery(problems: [problem(location, error)])
        }
        let id = DomainID("nvml:\(uuid)")
        let method: MeasurementMethod
        do {
            method = try measurementMethod(of: device)
        } catch {
            return Discovery(problems: [problem("\(location) \(uuid)", error)])
        }
        gpus[id] = GPU(device: device, method: method)
        if let limit = try? library.powerManagementLimitMilliwatts(of: device) {
            powerLimits[id] = Power(milliwatts: Int64(limit))
        }
        let domain = Domain(
            id: id, kind: .gpu, name: productName, source: name, method: method, location: uuid)
        return Discovery(domains: [domain])
    }

    /// The energy counter where the GPU keeps one, else power; any other
    /// failure (no permission, GPU lost) makes the GPU a problem, never a zero.
    private func measurementMethod(of device: NVMLDevice) throws(NVMLError) -> MeasurementMethod {
        do {
            _ = try library.totalEnergyConsumptionMillijoules(of: device)
            return .energyCounter
        } catch  where error.code == .notSupported || error.code == .functionNotFound {
            _ = try library.powerUsageMilliwatts(of: device)
            return .integratedPower
        }
    }

    /// NVML started but lists no GPU: a container without its GPUs, or
    /// `CUDA_VISIBLE_DEVICES`-style masking; said, not left as an empty list.
    private var noGPU: ProbeProblem {
        ProbeProblem(
            source: name, location: "libnvidia-ml",
            failure: ProbeFailure(
                .absent, "NVML started but lists no GPU",
                fix: "in a container, pass the GPUs (docker run --gpus all, or NVIDIA_VISIBLE_DEVICES)"))
    }

    private func problem(_ location: String, _ error: NVMLError) -> ProbeProblem {
        ProbeProblem(source: name, location: location, failure: error.probeFailure)
    }
}
