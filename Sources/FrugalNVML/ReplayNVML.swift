import FrugalCore

/// An `NVMLLibrary` that answers from a recorded `NVMLTrace`.
///
/// Time is the caller's: the replay stays on one step (one instant of the
/// trace) until told to move, so the sampler's clock and the trace stay in
/// lock step. A test or the sampler with a manual clock does, per tick:
///
///     replay.step(to: k)            // or advance()
///     clock.set(replay.timestamp)   // the instant the step was recorded at
///     sampler.tick()                // NVMLSource.read() sees step k
///
/// Reads answer as NVML would at that step: a GPU's `error` cell is thrown
/// by every read of that GPU; an empty energy or power cell is
/// `NOT_SUPPORTED`; a GPU with no row at the step is `NO_DATA`.
public final class ReplayNVML: NVMLLibrary {
    public let trace: NVMLTrace
    /// The step reads answer from, `0..<stepCount`.
    public private(set) var stepIndex = 0
    private let initializeError: NVMLReturn?
    private var initialized = false
    private var rowsByStep: [[String: NVMLTrace.Row]]

    /// - Parameter initializeError: a code for `initialize()` to fail with
    ///   (`DRIVER_NOT_LOADED`), to replay a host whose NVML cannot start.
    public init(trace: NVMLTrace, initializeError: NVMLReturn? = nil) {
        self.trace = trace
        self.initializeError = initializeError
        var steps: [[String: NVMLTrace.Row]] = []
        for row in trace.rows {
            if steps.isEmpty || trace.timestamps[steps.count - 1] != row.timestamp { steps.append([:]) }
            steps[steps.count - 1][row.gpuUUID] = row
        }
        self.rowsByStep = steps
    }

    /// The number of instants in the trace.
    public var stepCount: Int { trace.timestamps.count }

    /// The instant the current step was recorded at.
    public var timestamp: Timestamp {
        precondition(stepCount > 0, "an empty trace has no instants")
        return trace.timestamps[stepIndex]
    }

    /// Moves to step `index`.
    /// - Precondition: `0 <= index < stepCount`.
    public func step(to index: Int) {
        precondition(trace.timestamps.indices.contains(index), "step \(index) outside 0..<\(stepCount)")
        stepIndex = index
    }

    /// Moves to the next step; returns false (and stays) at the last one.
    @discardableResult
    public func advance() -> Bool {
        guard stepIndex + 1 < stepCount else { return false }
        stepIndex += 1
        return true
    }

    // MARK: - NVMLLibrary

    public func initialize() throws(NVMLError) {
        if let initializeError { throw NVMLError(initializeError, "replayed initialization failure") }
        initialized = true
    }

    public func shutdown() throws(NVMLError) {
        try requireInitialized()
        initialized = false
    }

    public func deviceCount() throws(NVMLError) -> UInt32 {
        try requireInitialized()
        return UInt32(trace.gpuUUIDs.count)
    }

    public func device(at index: UInt32) throws(NVMLError) -> NVMLDevice {
        try requireInitialized()
        guard Int(index) < trace.gpuUUIDs.count else { throw NVMLError(.invalidArgument, "no GPU \(index)") }
        return NVMLDevice(bits: UInt(index))
    }

    public func uuid(of device: NVMLDevice) throws(NVMLError) -> String {
        try uuidString(device)
    }

    public func name(of device: NVMLDevice) throws(NVMLError) -> String {
        let uuid = try uuidString(device)
        return trace.rows.first { $0.gpuUUID == uuid }?.gpuName ?? ""
    }

    public func totalEnergyConsumptionMillijoules(of device: NVMLDevice) throws(NVMLError) -> UInt64 {
        guard let energy = try row(device).energyMillijoules else {
            throw NVMLError(.notSupported, "not supported (empty energy_mj cell)")
        }
        return energy
    }

    public func powerUsageMilliwatts(of device: NVMLDevice) throws(NVMLError) -> UInt32 {
        guard let power = try row(device).powerMilliwatts else {
            throw NVMLError(.notSupported, "not supported (empty power_mw cell)")
        }
        return power
    }

    public func powerManagementLimitMilliwatts(of device: NVMLDevice) throws(NVMLError) -> UInt32 {
        _ = try uuidString(device)
        throw NVMLError(.notSupported, "traces do not record the power limit")
    }

    // MARK: - Lookup

    private func requireInitialized() throws(NVMLError) {
        guard initialized else { throw NVMLError(.uninitialized, "initialize() was not called") }
    }

    private func uuidString(_ device: NVMLDevice) throws(NVMLError) -> String {
        try requireInitialized()
        guard device.bits < UInt(trace.gpuUUIDs.count) else {
            throw NVMLError(.invalidArgument, "invalid device handle")
        }
        return trace.gpuUUIDs[Int(device.bits)]
    }

    private func row(_ device: NVMLDevice) throws(NVMLError) -> NVMLTrace.Row {
        let uuid = try uuidString(device)
        guard let row = rowsByStep[stepIndex][uuid] else {
            throw NVMLError(.noData, "no row for \(uuid) at step \(stepIndex)")
        }
        if let error = row.error { throw NVMLError(error, "replayed from the trace") }
        return row
    }
}
