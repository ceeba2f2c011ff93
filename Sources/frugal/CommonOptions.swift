import ArgumentParser
import Foundation
import FrugalRuntime
import Logging

/// Options shared by the commands that read a host: where its configuration
/// and its sysfs are.
struct HostOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The TOML configuration file.", valueName: "file"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read sysfs from DIR instead of /sys (a Probes/ capture, a copy of another host).", valueName: "dir"))
    var sysfsRoot: String?

    /// Defaults, then the file, then the environment, then these flags.
    func load() throws -> FrugalConfig {
        var config = try ConfigFile.load(path: self.config, environment: ProcessInfo.processInfo.environment)
        if let sysfsRoot {
            guard FileManager.default.fileExists(atPath: sysfsRoot) else {
                throw ValidationError(
                    "--sysfs-root \(sysfsRoot) does not exist: give the folder that holds class/powercap")
            }
            config.sysfsRoot = absolute(sysfsRoot)
        }
        return config
    }
}

func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Logging to standard error, at the configured level.
func makeLogger(label: String, level: String) -> Logger {
    var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = Logger.Level(rawValue: level) ?? .info
    return logger
}
