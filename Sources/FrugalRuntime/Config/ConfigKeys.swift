import FrugalCore

/// A value as written in TOML or the environment, before it is checked.
public enum RawConfigValue: Hashable, Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case double(Double)
    case other(String)

    var text: String {
        switch self {
        case .string(let s), .other(let s): s
        case .integer(let i): String(i)
        case .bool(let b): String(b)
        case .double(let d): String(d)
        }
    }
}

/// One documented configuration key: where it lives, its type and default,
/// what it means, and how a raw value is checked and applied.
public struct ConfigKey: Sendable {
    public let section: String
    public let name: String
    public let type: String
    public let defaultValue: String
    public let help: String
    let apply: @Sendable (inout FrugalConfig, RawConfigValue) -> String?
    /// For a key whose value is a table (`[attribution.pin]`): applies one entry.
    let applyEntry: (@Sendable (inout FrugalConfig, String, RawConfigValue) -> String?)?

    init(
        section: String, name: String, type: String, defaultValue: String, help: String,
        apply: @escaping @Sendable (inout FrugalConfig, RawConfigValue) -> String?
    ) {
        self.section = section
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
        self.apply = apply
        self.applyEntry = nil
    }

    /// A key holding a table of entries, each applied on its own.
    init(
        section: String, table name: String, type: String, help: String,
        entry: @escaping @Sendable (inout FrugalConfig, String, RawConfigValue) -> String?
    ) {
        self.section = section
        self.name = name
        self.type = type
        self.defaultValue = "{}"
        self.help = help
        self.apply = { _, raw in "expected a table [\(section).\(name)], got \(raw.text)" }
        self.applyEntry = entry
    }

    /// `section.name`, as error messages and docs name it.
    public var path: String { "\(section).\(name)" }
    /// The environment variable that overrides it: `FRUGAL_SAMPLER_INTERVAL`.
    public var environmentName: String { "FRUGAL_\(section.uppercased())_\(name.uppercased())" }
}

extension ConfigKey {
    static func number(
        _ section: String, _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, Double> & Sendable,
        in range: ClosedRange<Double>, _ help: String
    ) -> ConfigKey {
        ConfigKey(
            section: section, name: name, type: "number", defaultValue: String(FrugalConfig()[keyPath: keyPath]),
            help: help
        ) { config, raw in
            let value: Double? =
                switch raw {
                case .double(let d): d
                case .integer(let i): Double(i)
                case .string(let s): Double(s)
                default: nil
                }
            guard let value, range.contains(value) else {
                return "expected a number from \(range.lowerBound) to \(range.upperBound), got \(raw.text)"
            }
            config[keyPath: keyPath] = value
            return nil
        }
    }

    static func duration(
        _ section: String, _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, Duration> & Sendable,
        in range: ClosedRange<Duration>, _ help: String
    ) -> ConfigKey {
        ConfigKey(
            section: section, name: name, type: "duration",
            defaultValue: Quantities.format(FrugalConfig()[keyPath: keyPath]),
            help: help
        ) { config, raw in
            guard case .string(let text) = raw, let value = Quantities.duration(text) else {
                return "expected a duration such as \"1s\", \"250ms\" or \"30d\", got \(raw.text)"
            }
            guard range.contains(value) else {
                return
                    "\(text) is out of range: between \(Quantities.format(range.lowerBound)) and \(Quantities.format(range.upperBound))"
            }
            config[keyPath: keyPath] = value
            return nil
        }
    }

    static func string(
        _ section: String, _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, String> & Sendable, _ help: String,
        check: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> ConfigKey {
        ConfigKey(
            section: section, name: name, type: "string", defaultValue: "\"\(FrugalConfig()[keyPath: keyPath])\"",
            help: help
        ) {
            config, raw in
            guard case .string(let text) = raw else { return "expected a string, got \(raw.text)" }
            if let problem = check(text) { return problem }
            config[keyPath: keyPath] = text
            return nil
        }
    }

    static func optionalString(
        _ section: String, _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, String?> & Sendable,
        default: String,
        _ help: String
    ) -> ConfigKey {
        ConfigKey(section: section, name: name, type: "string", defaultValue: `default`, help: help) { config, raw in
            guard case .string(let text) = raw else { return "expected a string, got \(raw.text)" }
            config[keyPath: keyPath] = text.isEmpty ? nil : text
            return nil
        }
    }

    static func bool(
        _ section: String, _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, Bool> & Sendable, _ help: String
    )
        -> ConfigKey
    {
        ConfigKey(
            section: section, name: name, type: "bool", defaultValue: String(FrugalConfig()[keyPath: keyPath]),
            help: help
        ) {
            config, raw in
            switch raw {
            case .bool(let b): config[keyPath: keyPath] = b
            case .string("true"): config[keyPath: keyPath] = true
            case .string("false"): config[keyPath: keyPath] = false
            default: return "expected true or false, got \(raw.text)"
            }
            return nil
        }
    }

    static func choice<E: RawRepresentable & CaseIterable & Sendable>(
        _ section: String, _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, E> & Sendable, _ help: String
    ) -> ConfigKey where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        return ConfigKey(
            section: section, name: name, type: names.joined(separator: "|"),
            defaultValue: "\"\(FrugalConfig()[keyPath: keyPath].rawValue)\"", help: help
        ) { config, raw in
            guard case .string(let text) = raw, let value = E(rawValue: text) else {
                return "expected one of \(names.joined(separator: ", ")), got \(raw.text)"
            }
            config[keyPath: keyPath] = value
            return nil
        }
    }
}
