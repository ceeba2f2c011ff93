#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// NVML opened at run time with `dlopen`, so that Frugal builds and runs on
/// hosts without the NVIDIA driver: a missing library is an `absent` probe
/// result, not a link error.
///
/// The library is loaded by `initialize()`, not by `init`, so that every
/// failure reaches the caller through the same typed error. Calls follow
/// `nvml.h`; the `_v2` entry points are used where they exist, as NVIDIA's
/// header does through its `#define`s.
public final class DlopenNVML: NVMLLibrary {
    /// The library name or path handed to `dlopen`.
    public let libraryPath: String
    private var symbols: NVMLSymbols?
    private var initialized = false

    /// - Parameter libraryPath: the soname by default, found through the
    ///   dynamic loader's search path; an absolute path for a non-standard install.
    public init(libraryPath: String = "libnvidia-ml.so.1") {
        self.libraryPath = libraryPath
    }

    deinit {
        // The library stays mapped: NVIDIA documents no safe unload, and a
        // process usually opens it once. Only NVML's own state is released.
        if initialized, let symbols { _ = symbols.shutdown() }
    }

    public func initialize() throws(NVMLError) {
        let symbols = try load()
        try check(symbols.initialize())
        initialized = true
    }

    public func shutdown() throws(NVMLError) {
        try check(try loaded().shutdown())
        initialized = false
    }

    public func deviceCount() throws(NVMLError) -> UInt32 {
        var count: CUnsignedInt = 0
        try check(try loaded().deviceCount(&count))
        return count
    }

    public func device(at index: UInt32) throws(NVMLError) -> NVMLDevice {
        var device: OpaquePointer?
        try check(try loaded().handleByIndex(index, &device))
        return NVMLDevice(bits: UInt(bitPattern: Int(bitPattern: device)))
    }

    public func uuid(of device: NVMLDevice) throws(NVMLError) -> String {
        try string(of: device, capacity: 96, call: try loaded().uuid)
    }

    public func name(of device: NVMLDevice) throws(NVMLError) -> String {
        try string(of: device, capacity: 96, call: try loaded().name)
    }

    public func totalEnergyConsumptionMillijoules(of device: NVMLDevice) throws(NVMLError) -> UInt64 {
        let call = try optional(try loaded().totalEnergy, "nvmlDeviceGetTotalEnergyConsumption")
        var energy: CUnsignedLongLong = 0
        try check(call(pointer(device), &energy))
        return UInt64(energy)
    }

    public func powerUsageMilliwatts(of device: NVMLDevice) throws(NVMLError) -> UInt32 {
        let call = try optional(try loaded().powerUsage, "nvmlDeviceGetPowerUsage")
        var power: CUnsignedInt = 0
        try check(call(pointer(device), &power))
        return UInt32(power)
    }

    public func powerManagementLimitMilliwatts(of device: NVMLDevice) throws(NVMLError) -> UInt32 {
        let call = try optional(try loaded().powerLimit, "nvmlDeviceGetPowerManagementLimit")
        var limit: CUnsignedInt = 0
        try check(call(pointer(device), &limit))
        return UInt32(limit)
    }

    // MARK: - Loading and calling

    private func load() throws(NVMLError) -> NVMLSymbols {
        if let symbols { return symbols }
        _ = dlerror()
        guard let opened = dlopen(libraryPath, RTLD_NOW) else {
            let why = dlerror().map { String(cString: $0) } ?? "dlopen failed"
            throw NVMLError(.libraryNotFound, "cannot load \(libraryPath): \(why)")
        }
        do {
            let loaded = try NVMLSymbols(library: opened)
            symbols = loaded
            return loaded
        } catch {
            dlclose(opened)
            throw error
        }
    }

    private func loaded() throws(NVMLError) -> NVMLSymbols {
        guard let symbols else { throw NVMLError(.uninitialized, "initialize() was not called") }
        return symbols
    }

    private func optional<F>(_ function: F?, _ name: String) throws(NVMLError) -> F {
        guard let function else { throw NVMLError(.functionNotFound, "\(libraryPath) has no \(name)") }
        return function
    }

    private func check(_ code: CInt) throws(NVMLError) {
        guard code != NVMLReturn.success.rawValue else { return }
        let message = symbols?.errorString(code).map { String(cString: $0) } ?? "no error string"
        throw NVMLError(NVMLReturn(rawValue: code), message)
    }

    private func pointer(_ device: NVMLDevice) -> OpaquePointer? {
        OpaquePointer(bitPattern: device.bits)
    }

    private func string(
        of device: NVMLDevice, capacity: Int, call: NVMLSymbols.StringCall
    ) throws(NVMLError) -> String {
        var buffer = [CChar](repeating: 0, count: capacity)
        let code = buffer.withUnsafeMutableBufferPointer {
            call(pointer(device), $0.baseAddress, CUnsignedInt(capacity))
        }
        try check(code)
        buffer[capacity - 1] = 0  // a library that fills the buffer must not run us off its end
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
