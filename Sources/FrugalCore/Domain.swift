/// A stable identifier of a power domain on a host, e.g. `rapl:intel-rapl:0`,
/// `hwmon:amdgpu/power1`, `nvml:GPU-5f3c…`. It names where the figure comes
/// from, so it must not change across restarts or reboots.
public struct DomainID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public static func < (a: DomainID, b: DomainID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// What part of the machine a domain measures.
public enum DomainKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A CPU socket (RAPL `package-N`, hwmon CPU package power).
    case package
    /// CPU cores, a sub-zone of a package.
    case core
    /// Integrated graphics and uncore, a sub-zone of a package.
    case uncore
    /// Memory attached to a package.
    case dram
    /// The whole platform as RAPL sees it (`psys`).
    case psys
    /// An accelerator (NVML GPU, amdgpu hwmon).
    case gpu
    /// The whole node at the wall (ACPI `power_meter`, a PDU, a BMC).
    case node
    /// Anything else a sensor reports (a voltage rail, an unlabelled sensor).
    case other
}

/// How a domain's energy is obtained.
public enum MeasurementMethod: String, Hashable, Sendable, Codable {
    /// A cumulative energy counter, differenced (exact up to the counter's resolution).
    case energyCounter = "energy_counter"
    /// Instantaneous or averaged power readings integrated over the interval
    /// (trapezoid rule): misses what happens between two reads.
    case integratedPower = "integrated_power"
}

/// A power domain found on a host.
public struct Domain: Hashable, Sendable, Codable {
    public var id: DomainID
    public var kind: DomainKind
    /// The name the hardware gives (`package-0`, `dram`, a hwmon label, a GPU model).
    public var name: String
    /// The reader that found it: `rapl`, `hwmon`, `libsensors`, `nvml`, `replay`.
    public var source: String
    public var method: MeasurementMethod
    /// The domain that contains this one (a RAPL sub-zone's package): its
    /// energy is already inside the parent and must never be added to it.
    public var parent: DomainID?
    /// The counter's wrap range in µJ, for energy counters whose range is known.
    public var counterRangeMicrojoules: UInt64?
    /// Where it was read (a sysfs path relative to the root, a GPU UUID).
    public var location: String

    public init(
        id: DomainID, kind: DomainKind, name: String, source: String, method: MeasurementMethod,
        parent: DomainID? = nil, counterRangeMicrojoules: UInt64? = nil, location: String
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.source = source
        self.method = method
        self.parent = parent
        self.counterRangeMicrojoules = counterRangeMicrojoules
        self.location = location
    }

    /// Whether this domain measures the whole node, so that the other domains
    /// are a breakdown of it rather than additions to it.
    public var isWholeNode: Bool { kind == .node }
}
