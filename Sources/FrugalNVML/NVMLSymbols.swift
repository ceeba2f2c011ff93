#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The NVML entry points Frugal calls, resolved with `dlsym` from an open library.
///
/// Signatures follow `nvml.h`: every call returns `nvmlReturn_t` (a C enum, an
/// `int` in the ABI), `nvmlDevice_t` is an opaque pointer.
struct NVMLSymbols {
    typealias VoidCall = @convention(c) () -> CInt
    typealias CountCall = @convention(c) (UnsafeMutablePointer<CUnsignedInt>?) -> CInt
    typealias HandleCall = @convention(c) (CUnsignedInt, UnsafeMutablePointer<OpaquePointer?>?) -> CInt
    typealias StringCall = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, CUnsignedInt) -> CInt
    typealias EnergyCall = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CUnsignedLongLong>?) -> CInt
    typealias UIntCall = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CUnsignedInt>?) -> CInt
    typealias ErrorStringCall = @convention(c) (CInt) -> UnsafePointer<CChar>?

    let initialize: VoidCall
    let shutdown: VoidCall
    let deviceCount: CountCall
    let handleByIndex: HandleCall
    let uuid: StringCall
    let name: StringCall
    let errorString: ErrorStringCall
    // Optional: older drivers lack them, and a GPU can still be listed without them.
    let totalEnergy: EnergyCall?
    let powerUsage: UIntCall?
    let powerLimit: UIntCall?

    /// Resolves every symbol; a missing required one is `FUNCTION_NOT_FOUND`.
    init(library: UnsafeMutableRawPointer) throws(NVMLError) {
        func find<F>(_ names: [String], as type: F.Type) -> F? {
            for name in names {
                if let symbol = dlsym(library, name) { return unsafeBitCast(symbol, to: type) }
            }
            return nil
        }
        func require<F>(_ names: [String], as type: F.Type) throws(NVMLError) -> F {
            guard let function = find(names, as: type) else {
                throw NVMLError(.functionNotFound, "the NVML library has no \(names.joined(separator: " or "))")
            }
            return function
        }
        initialize = try require(["nvmlInit_v2", "nvmlInit"], as: VoidCall.self)
        shutdown = try require(["nvmlShutdown"], as: VoidCall.self)
        deviceCount = try require(["nvmlDeviceGetCount_v2", "nvmlDeviceGetCount"], as: CountCall.self)
        handleByIndex = try require(
            ["nvmlDeviceGetHandleByIndex_v2", "nvmlDeviceGetHandleByIndex"], as: HandleCall.self)
        uuid = try require(["nvmlDeviceGetUUID"], as: StringCall.self)
        name = try require(["nvmlDeviceGetName"], as: StringCall.self)
        errorString = try require(["nvmlErrorString"], as: ErrorStringCall.self)
        totalEnergy = find(["nvmlDeviceGetTotalEnergyConsumption"], as: EnergyCall.self)
        powerUsage = find(["nvmlDeviceGetPowerUsage"], as: UIntCall.self)
        powerLimit = find(["nvmlDeviceGetPowerManagementLimit"], as: UIntCall.self)
    }
}
