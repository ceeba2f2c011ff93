import ArgumentParser
import Foundation
import FrugalRuntime

/// `frugal config`: check a configuration file, list every key.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a configuration file or list every configuration key.",
        subcommands: [Check.self, Keys.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check FILE and report every problem at once (exit 0 when valid, 78 when not).",
            discussion: "Environment variables FRUGAL_<SECTION>_<KEY> are applied over the file, as the daemon does.")

        @Argument(help: "The TOML file to check, e.g. /etc/frugal/frugal.toml.")
        var file: String

        func run() throws {
            let config = try ConfigFile.load(path: file, environment: ProcessInfo.processInfo.environment)
            print("\(file): valid")
            print("  sampler.interval = \(config.interval), store.url = \(config.store)")
        }
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every configuration key with its type, default and meaning.")

        func run() {
            var section = ""
            for key in ConfigKeys.all {
                if key.section != section {
                    section = key.section
                    print("[\(section)]")
                }
                print("  \(key.name) (\(key.type), default \(key.defaultValue), env \(key.environmentName))")
                print("      \(key.help)")
            }
        }
    }
}

/// Reads a configuration file over the defaults, then the environment.
enum ConfigFile {
    /// Exits 78 (EX_CONFIG) with every problem listed when the file is wrong.
    static func load(path: String?, environment: [String: String]) throws -> FrugalConfig {
        do {
            var config = FrugalConfig()
            if let path {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw ValidationError("cannot read configuration file \(path): check the path and its permissions")
                }
                config = try ConfigLoader.apply(toml: text, origin: path, to: config)
            }
            return try ConfigLoader.apply(environment: environment, to: config)
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(78)
        }
    }
}
