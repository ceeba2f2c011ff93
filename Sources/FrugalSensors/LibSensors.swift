import CSensors
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// libsensors itself (`-lsensors`), which reads hwmon through the kernel's
/// sysfs and applies the lm-sensors chip configuration.
///
/// libsensors keeps its state in process globals, so only one `LibSensors`
/// may be initialized at a time; a second `initialize` throws. Chips and
/// features are valid until `cleanup()`. Not thread-safe: one owner.
public final class LibSensors: SensorsLibrary {
    private static let active = Mutex(false)
    private var initialized = false
    private var chipPointers: [UnsafePointer<sensors_chip_name>] = []
    private var featurePointers: [Int: [Int32: UnsafePointer<sensors_feature>]] = [:]

    public init() {}

    deinit { cleanup() }

    /// The libsensors version this process loaded (`3.6.0`).
    public static var version: String { String(cString: frugal_sensors_version()) }

    public func initialize(configPath: String?) throws(SensorsError) {
        guard !initialized else { return }
        guard
            Self.active.withLock({ active in
                defer { active = true }
                return !active
            })
        else { throw SensorsError(code: SensorsError.io, "another LibSensors is initialized in this process") }
        var code: Int32
        frugal_sensors_capture_parse_errors()
        if let configPath {
            guard let file = fopen(configPath, "r") else {
                Self.active.withLock { $0 = false }
                throw SensorsError(
                    code: SensorsError.accessRead, "cannot open \(configPath): \(String(cString: strerror(errno)))")
            }
            code = sensors_init(file)
            fclose(file)
        } else {
            code = sensors_init(nil)
        }
        if code == 0, let parseError = frugal_sensors_parse_error() {
            // A half-read configuration would apply some compute lines and not others.
            sensors_cleanup()
            Self.active.withLock { $0 = false }
            throw SensorsError(code: SensorsError.parse, String(cString: parseError))
        }
        guard code == 0 else {
            Self.active.withLock { $0 = false }
            throw Self.error(code)
        }
        initialized = true
        loadChips()
    }

    public func cleanup() {
        guard initialized else { return }
        chipPointers = []
        featurePointers = [:]
        sensors_cleanup()
        initialized = false
        Self.active.withLock { $0 = false }
    }

    public func chips() -> [SensorsChip] {
        chipPointers.enumerated().map { index, pointer in
            let chip = pointer.pointee
            let path = chip.path.map { String(cString: $0) }
            var buffer = [CChar](repeating: 0, count: 256)
            let written = sensors_snprintf_chip_name(&buffer, buffer.count, pointer)
            let prefix = chip.prefix.map { String(cString: $0) } ?? ""
            return SensorsChip(
                index: index, prefix: prefix, name: written > 0 ? Self.string(buffer) : prefix,
                hwmonEntry: path.map(Self.lastComponent), deviceName: path.flatMap(Self.deviceName),
                adapter: withUnsafePointer(to: chip.bus) { sensors_get_adapter_name($0) }.map { String(cString: $0) })
        }
    }

    public func features(of chip: SensorsChip) -> [SensorsFeature] {
        guard let pointer = chipPointer(chip) else { return [] }
        var number: Int32 = 0
        var features: [SensorsFeature] = []
        var pointers: [Int32: UnsafePointer<sensors_feature>] = [:]
        while let feature = sensors_get_features(pointer, &number) {
            let value = feature.pointee
            features.append(
                SensorsFeature(
                    name: String(cString: value.name), number: value.number,
                    type: SensorsFeatureType(rawValue: Int32(bitPattern: value.type.rawValue))))
            pointers[value.number] = feature
        }
        featurePointers[chip.index] = pointers
        return features
    }

    public func subfeatures(of chip: SensorsChip, feature: SensorsFeature) -> [SensorsSubfeature] {
        guard let pointer = chipPointer(chip), let featurePointer = self.featurePointer(chip, feature) else {
            return []
        }
        var number: Int32 = 0
        var subfeatures: [SensorsSubfeature] = []
        while let subfeature = sensors_get_all_subfeatures(pointer, featurePointer, &number) {
            let value = subfeature.pointee
            guard value.flags & UInt32(SENSORS_MODE_R) != 0 else { continue }
            subfeatures.append(
                SensorsSubfeature(
                    name: String(cString: value.name), number: value.number,
                    type: SensorsSubfeatureType(rawValue: Int32(bitPattern: value.type.rawValue))))
        }
        return subfeatures
    }

    public func label(of chip: SensorsChip, feature: SensorsFeature) -> String {
        guard let pointer = chipPointer(chip), let featurePointer = self.featurePointer(chip, feature),
            let label = sensors_get_label(pointer, featurePointer)
        else { return feature.name }
        defer { free(label) }
        return String(cString: label)
    }

    public func value(of chip: SensorsChip, subfeature: SensorsSubfeature) throws(SensorsError) -> Double {
        guard let pointer = chipPointer(chip) else {
            throw SensorsError(code: SensorsError.io, "chip \(chip.name) is not loaded (initialize first)")
        }
        var value = 0.0
        let code = sensors_get_value(pointer, subfeature.number, &value)
        guard code == 0 else { throw Self.error(code) }
        return value
    }

    // MARK: - Helpers

    private func loadChips() {
        var number: Int32 = 0
        chipPointers = []
        while let chip = sensors_get_detected_chips(nil, &number) { chipPointers.append(chip) }
    }

    private func chipPointer(_ chip: SensorsChip) -> UnsafePointer<sensors_chip_name>? {
        chipPointers.indices.contains(chip.index) ? chipPointers[chip.index] : nil
    }

    private func featurePointer(_ chip: SensorsChip, _ feature: SensorsFeature) -> UnsafePointer<sensors_feature>? {
        if featurePointers[chip.index] == nil { _ = features(of: chip) }
        return featurePointers[chip.index]?[feature.number]
    }

    private static func error(_ code: Int32) -> SensorsError {
        SensorsError(code: abs(code), String(cString: sensors_strerror(code)))
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func lastComponent(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// The name of the device the hwmon entry belongs to, as the raw sysfs
    /// reader names it: the last component of the `device` link's target.
    private static func deviceName(_ hwmonPath: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(hwmonPath + "/device", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return lastComponent(string(Array(buffer[0..<count])))
    }
}
