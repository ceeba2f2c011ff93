import FrugalCore

/// An `nvmlReturn_t` code, as NVIDIA's `nvml.h` defines it.
///
/// A struct rather than an enum: drivers newer than this file return codes it
/// does not name, and those must survive as numbers, not crash a switch.
public struct NVMLReturn: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = NVMLReturn(rawValue: 0)
    public static let uninitialized = NVMLReturn(rawValue: 1)
    public static let invalidArgument = NVMLReturn(rawValue: 2)
    public static let notSupported = NVMLReturn(rawValue: 3)
    public static let noPermission = NVMLReturn(rawValue: 4)
    public static let alreadyInitialized = NVMLReturn(rawValue: 5)
    public static let notFound = NVMLReturn(rawValue: 6)
    public static let insufficientSize = NVMLReturn(rawValue: 7)
    public static let insufficientPower = NVMLReturn(rawValue: 8)
    public static let driverNotLoaded = NVMLReturn(rawValue: 9)
    public static let timeout = NVMLReturn(rawValue: 10)
    public static let irqIssue = NVMLReturn(rawValue: 11)
    public static let libraryNotFound = NVMLReturn(rawValue: 12)
    public static let functionNotFound = NVMLReturn(rawValue: 13)
    public static let corruptedInforom = NVMLReturn(rawValue: 14)
    public static let gpuIsLost = NVMLReturn(rawValue: 15)
    public static let resetRequired = NVMLReturn(rawValue: 16)
    public static let operatingSystem = NVMLReturn(rawValue: 17)
    public static let libRMVersionMismatch = NVMLReturn(rawValue: 18)
    public static let inUse = NVMLReturn(rawValue: 19)
    public static let memory = NVMLReturn(rawValue: 20)
    public static let noData = NVMLReturn(rawValue: 21)
    public static let gpuNotFound = NVMLReturn(rawValue: 28)
    public static let unknown = NVMLReturn(rawValue: 999)

    /// The names `nvml.h` gives, without the `NVML_ERROR_` prefix (`GPU_IS_LOST`).
    static let names: [Int32: String] = [
        0: "SUCCESS", 1: "UNINITIALIZED", 2: "INVALID_ARGUMENT", 3: "NOT_SUPPORTED",
        4: "NO_PERMISSION", 5: "ALREADY_INITIALIZED", 6: "NOT_FOUND", 7: "INSUFFICIENT_SIZE",
        8: "INSUFFICIENT_POWER", 9: "DRIVER_NOT_LOADED", 10: "TIMEOUT", 11: "IRQ_ISSUE",
        12: "LIBRARY_NOT_FOUND", 13: "FUNCTION_NOT_FOUND", 14: "CORRUPTED_INFOROM",
        15: "GPU_IS_LOST", 16: "RESET_REQUIRED", 17: "OPERATING_SYSTEM",
        18: "LIB_RM_VERSION_MISMATCH", 19: "IN_USE", 20: "MEMORY", 21: "NO_DATA",
        28: "GPU_NOT_FOUND", 999: "UNKNOWN",
    ]

    /// The `nvml.h` name (`GPU_IS_LOST`), or the number for a code this file does not know.
    public var name: String { Self.names[rawValue] ?? String(rawValue) }

    /// Parses a name as `name` writes it (`GPU_IS_LOST`, `NVML_ERROR_GPU_IS_LOST`) or a number.
    public init?(name: String) {
        let bare = name.hasPrefix("NVML_ERROR_") ? String(name.dropFirst(11)) : name
        if let code = Self.names.first(where: { $0.value == bare })?.key {
            self.init(rawValue: code)
        } else if let number = Int32(bare) {
            self.init(rawValue: number)
        } else {
            return nil
        }
    }

    public var description: String { "NVML_ERROR_\(name) (\(rawValue))" }
}

/// A failed NVML call: the code and the library's own words for it.
public struct NVMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: NVMLReturn
    /// `nvmlErrorString`'s text, or `dlerror`'s when the library could not be loaded.
    public var message: String

    public init(_ code: NVMLReturn, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
