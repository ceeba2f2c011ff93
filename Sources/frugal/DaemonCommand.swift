import ArgumentParser
import Foundation
import FrugalRuntime
import FrugalStore
import Logging
import ServiceLifecycle

/// `frugal daemon`: sample every power domain into the store until stopped.
struct Daemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sample every power domain, follow the gateway logs and attribute energy, until SIGTERM or SIGINT.",
        discussion: """
            Samples every power domain into the store; follows the logs of [ingest.logs] (rotation, \
            copytruncate and gzip'd siblings handled; each batch committed with its offset); and \
            attributes each quarter hour to its requests once [attribution] settle has passed its end, \
            again when late log lines reopen it ([attribution] live = false turns this off). \
            It serves the cost API and /metrics from its store on [server] listen ([server] enabled; \
            an address in use stops it at start, exit 78) and fetches the grid's carbon intensity from \
            eCO2mix every [carbon] fetch_interval ([carbon] fetch); neither ever holds sampling.

            Runs under systemd (Deploy/frugal.service, Type=notify): it reports READY once the \
            first readings are taken and feeds the watchdog from the sampling loop itself. On \
            SIGTERM or SIGINT it records open gaps, commits and exits 0. A configuration with \
            problems is refused whole, every problem listed (exit 78).

            Examples:
              frugal daemon --config /etc/frugal/frugal.toml
              frugal daemon --sysfs-root Probes/rapl-full-server/sys --store sqlite:/tmp/f.db --interval 100ms
            """)

    @OptionGroup var host: HostOptions

    @Option(help: ArgumentHelp("Override [sampler] interval, e.g. 100ms.", valueName: "duration"))
    var interval: String?

    @Option(help: ArgumentHelp("Override [store] url, e.g. sqlite:/var/lib/frugal/frugal.db.", valueName: "url"))
    var store: String?

    func run() async throws {
        var config = try host.load()
        try applyFlags(to: &config)
        let logger = makeLogger(label: "frugal.daemon", level: config.logLevel)
        guard let path = config.localStorePath else { throw ValidationError("expected a sqlite: or postgres:// store") }
        let clock = SystemSampleClock()
        let hostName = config.hostName ?? ProcessInfo.processInfo.hostName
        let frozen = config
        let service = SamplerService(
            makeSampler: { Sampler(sources: SourceSet.make(config: frozen).sources, policy: frozen.samplerPolicy) },
            makeSink: { try StoreSink(path: path, host: hostName, clock: clock) },
            clock: clock, flushInterval: config.flushInterval, rawRetention: config.rawRetention,
            notifier: SystemdNotifier(environment: ProcessInfo.processInfo.environment), logger: logger)
        logger.info(
            "starting",
            metadata: ["store.path": "\(path)", "host.name": "\(hostName)", "sampler.interval": "\(config.interval)"])
        var services: [any Service] =
            try Self.fleetServices(config: frozen, localPath: path, host: hostName) + [service]
        for (label, log) in config.ingestLogs.sorted(by: { $0.key < $1.key }) {
            services.append(
                IngestService(
                    path: log, makeStore: { try SQLiteStore(path: path) },
                    options: IngestRun.Options(format: frozen.ingestFormat, host: hostName), now: { clock.now().wall },
                    logger: makeLogger(label: "frugal.ingest.\(label)", level: frozen.logLevel)))
        }
        if config.liveAttribution {
            services.append(
                LiveAttributionService(
                    makeStore: { try SQLiteStore(path: path) }, host: hostName, config: frozen,
                    now: { clock.now().wall }, logger: makeLogger(label: "frugal.attribution", level: frozen.logLevel)))
        }
        services += try Self.serverServices(config: frozen, storePath: path, logger: logger)
        services += Self.carbonServices(config: frozen, storePath: path, now: { clock.now().wall })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("stopped: \(error)")
            throw ExitCode(1)
        }
        logger.info("stopped cleanly")
    }

    private func applyFlags(to config: inout FrugalConfig) throws {
        if host.sysfsRoot != nil, config.hwmon != .off { config.hwmon = .sysfs }
        var problems: [String] = []
        if let interval {
            if let value = Quantities.duration(interval), value >= .milliseconds(100), value <= .seconds(60) {
                config.interval = value
            } else {
                problems.append("--interval \(interval): expected a duration from 100ms to 60s")
            }
        }
        if let store {
            if store.hasPrefix("sqlite:/") || store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") {
                config.store = store
            } else {
                problems.append("--store \(store): expected sqlite:/absolute/path.db or postgres://user@host/db")
            }
        }
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "; ")) }
    }
}
