import FrugalCore
import TOMLKit

/// One thing wrong with a configuration, with where it was found.
public struct ConfigProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file and line, or the environment variable, or the flag.
    public var origin: String
    /// The key, e.g. `sampler.interval`.
    public var key: String
    public var message: String

    public var description: String { "\(origin): \(key): \(message)" }
}

/// Every problem of a configuration, reported together.
public struct ConfigError: Error, CustomStringConvertible {
    public var problems: [ConfigProblem]
    public var description: String {
        (["configuration has \(problems.count) problem\(problems.count == 1 ? "" : "s"):"]
            + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}

/// Builds a `FrugalConfig` from defaults, a TOML text and the environment.
public enum ConfigLoader {
    /// Parses TOML text over `base`; `origin` names the file in messages.
    public static func apply(toml text: String, origin: String, to base: FrugalConfig) throws(ConfigError)
        -> FrugalConfig
    {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            throw ConfigError(problems: [
                ConfigProblem(origin: "\(origin):\(line)", key: "(syntax)", message: error.description)
            ])
        } catch {
            throw ConfigError(problems: [ConfigProblem(origin: origin, key: "(syntax)", message: "\(error)")])
        }
        var config = base
        var problems: [ConfigProblem] = []
        for (section, value) in table.sorted(by: { $0.0 < $1.0 }) {
            guard let inner = value.table else {
                problems.append(ConfigProblem(origin: origin, key: section, message: "expected a [\(section)] table"))
                continue
            }
            guard ConfigKeys.all.contains(where: { $0.section == section }) else {
                problems.append(
                    ConfigProblem(
                        origin: origin, key: section, message: "unknown section \(suggestion(section: section))"))
                continue
            }
            for (name, raw) in inner.sorted(by: { $0.0 < $1.0 }) {
                guard let key = ConfigKeys.key(section: section, name: name) else {
                    let message = "unknown key \(suggestion(key: name, in: section))"
                    problems.append(ConfigProblem(origin: origin, key: "\(section).\(name)", message: message))
                    continue
                }
                if let entry = key.applyEntry, let entries = raw.table {
                    for (name, value) in entries.sorted(by: { $0.0 < $1.0 }) {
                        if let message = entry(&config, name, rawValue(value)) {
                            problems.append(
                                ConfigProblem(origin: origin, key: "\(key.path).\"\(name)\"", message: message))
                        }
                    }
                } else if let message = key.apply(&config, rawValue(raw)) {
                    problems.append(ConfigProblem(origin: origin, key: key.path, message: message))
                }
            }
        }
        if let message = config.carbon.upstreamProblem() {
            problems.append(ConfigProblem(origin: origin, key: "carbon.upstream", message: message))
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }

    /// Applies `FRUGAL_SECTION_KEY` variables; unknown `FRUGAL_` names are problems too.
    public static func apply(environment: [String: String], to base: FrugalConfig) throws(ConfigError) -> FrugalConfig {
        var config = base
        var problems: [ConfigProblem] = []
        let known = Dictionary(uniqueKeysWithValues: ConfigKeys.all.map { ($0.environmentName, $0) })
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("FRUGAL_") {
            guard let key = known[name] else {
                if !ignoredEnvironment.contains(name) {
                    problems.append(ConfigProblem(origin: "environment", key: name, message: "not a Frugal setting"))
                }
                continue
            }
            let raw: RawConfigValue = key.type == "bool" ? .string(value.lowercased()) : .string(value)
            if let message = key.apply(&config, raw) {
                problems.append(ConfigProblem(origin: "environment \(name)", key: key.path, message: message))
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }

    /// `FRUGAL_` variables that are not settings (test and tooling switches).
    static let ignoredEnvironment: Set<String> = ["FRUGAL_UPDATE_GOLDENS", "FRUGAL_REQUIRE_TOOLS", "FRUGAL_BIN"]

    private static func rawValue(_ value: any TOMLValueConvertible) -> RawConfigValue {
        switch value.type {
        case .string: .string(value.string ?? "")
        case .int: .integer(value.int ?? 0)
        case .bool: .bool(value.bool ?? false)
        case .double: .double(value.double ?? 0)
        default: .other("a TOML \(value.type)")
        }
    }

    private static func suggestion(section: String) -> String {
        let sections = Array(Set(ConfigKeys.all.map(\.section))).sorted()
        return "[\(section)]: known sections are \(sections.map { "[\($0)]" }.joined(separator: ", "))"
    }

    private static func suggestion(key: String, in section: String) -> String {
        let names = ConfigKeys.all.filter { $0.section == section }.map(\.name)
        return "\(key) in [\(section)]: known keys are \(names.joined(separator: ", "))"
    }
}
