/// A chip libsensors detected (one hwmon device).
public struct SensorsChip: Hashable, Sendable {
    /// The library's handle for the chip: its position in detection order.
    public var index: Int
    /// The chip's prefix: the hwmon `name` attribute (`k10temp`, `amdgpu`).
    public var prefix: String
    /// The full name `sensors` prints (`k10temp-pci-00c3`, `ina3221-virtual-0`).
    public var name: String
    /// The chip's entry under `class/hwmon` (`hwmon3`), when known; a replay
    /// of `sensors -j` output does not know it.
    public var hwmonEntry: String?
    /// The device the chip belongs to (`0000:c3:00.0`), from the entry's
    /// `device` link, when there is one.
    public var deviceName: String?
    /// The bus adapter's description (`PCI adapter`, `Virtual device`).
    public var adapter: String?

    public init(
        index: Int, prefix: String, name: String, hwmonEntry: String? = nil, deviceName: String? = nil,
        adapter: String? = nil
    ) {
        self.index = index
        self.prefix = prefix
        self.name = name
        self.hwmonEntry = hwmonEntry
        self.deviceName = deviceName
        self.adapter = adapter
    }
}

/// A feature of a chip (`power1`, `energy2`, `temp1`): one hwmon channel.
public struct SensorsFeature: Hashable, Sendable {
    /// `power1`: the hwmon channel name.
    public var name: String
    public var number: Int32
    public var type: SensorsFeatureType

    public init(name: String, number: Int32, type: SensorsFeatureType) {
        self.name = name
        self.number = number
        self.type = type
    }
}

/// One readable value of a feature (`power1_average`, `power1_input`).
public struct SensorsSubfeature: Hashable, Sendable {
    public var name: String
    /// The number `sensors_get_value` takes.
    public var number: Int32
    public var type: SensorsSubfeatureType

    public init(name: String, number: Int32, type: SensorsSubfeatureType) {
        self.name = name
        self.number = number
        self.type = type
    }
}

/// `sensors_feature_type`, of which Frugal uses power and energy.
public struct SensorsFeatureType: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public static let voltage = SensorsFeatureType(rawValue: 0x00)
    public static let fan = SensorsFeatureType(rawValue: 0x01)
    public static let temperature = SensorsFeatureType(rawValue: 0x02)
    public static let power = SensorsFeatureType(rawValue: 0x03)
    public static let energy = SensorsFeatureType(rawValue: 0x04)
    public static let current = SensorsFeatureType(rawValue: 0x05)
    public static let unknown = SensorsFeatureType(rawValue: Int32.max)
}

/// `sensors_subfeature_type` (the feature type shifted left 8, plus an index).
public struct SensorsSubfeatureType: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    /// `power*_average`, in W after libsensors' scaling.
    public static let powerAverage = SensorsSubfeatureType(rawValue: 0x300)
    /// `power*_input`, in W.
    public static let powerInput = SensorsSubfeatureType(rawValue: 0x303)
    /// `energy*_input`, in J.
    public static let energyInput = SensorsSubfeatureType(rawValue: 0x400)
    public static let unknown = SensorsSubfeatureType(rawValue: Int32.max)
}

/// A libsensors error code (`SENSORS_ERR_*`, positive) and its text.
public struct SensorsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public init(code: Int32, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `SENSORS_ERR_ACCESS_R`: a file could not be read (often a permission).
    public static let accessRead: Int32 = 3
    /// `SENSORS_ERR_KERNEL`: no sysfs, or a sysfs attribute failed to read.
    public static let kernel: Int32 = 4
    /// `SENSORS_ERR_PARSE`: the configuration file is malformed.
    public static let parse: Int32 = 8
    /// `SENSORS_ERR_IO`.
    public static let io: Int32 = 10

    public var description: String { "libsensors error \(code): \(message)" }
}

/// The libsensors calls Frugal makes, and nothing else: a narrow seam with a
/// real implementation (`LibSensors`) and a recorded one (`SensorsJSONReplay`).
///
/// libsensors applies the chip configuration (`/etc/sensors3.conf`,
/// `/etc/sensors.d/*`: labels, `compute` lines, `ignore`) before answering,
/// and scales values to base units: watts and joules.
public protocol SensorsLibrary: AnyObject {
    /// `sensors_init`, with a configuration file, or nil for the system's.
    func initialize(configPath: String?) throws(SensorsError)
    /// `sensors_cleanup`: chips and features are invalid afterwards.
    func cleanup()
    /// `sensors_get_detected_chips`, in detection order.
    func chips() -> [SensorsChip]
    /// `sensors_get_features`.
    func features(of chip: SensorsChip) -> [SensorsFeature]
    /// `sensors_get_all_subfeatures`, readable ones only.
    func subfeatures(of chip: SensorsChip, feature: SensorsFeature) -> [SensorsSubfeature]
    /// `sensors_get_label`: the configured label, else the feature name.
    func label(of chip: SensorsChip, feature: SensorsFeature) -> String
    /// `sensors_get_value`, in the feature's base unit (W, J), `compute` lines applied.
    func value(of chip: SensorsChip, subfeature: SensorsSubfeature) throws(SensorsError) -> Double
}
