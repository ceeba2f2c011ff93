import FrugalFleet
import FrugalRuntime
import FrugalStore
import ServiceLifecycle

extension Daemon {
    /// Fleet mode (`[store] url = "postgres://…"`): the services that ship the
    /// local buffer to PostgreSQL; none for an embedded store.
    ///
    /// The shipper goes first in the group: services stop in reverse order,
    /// so it stops last and its final drain ships what the sampler, the
    /// tailers and attribution committed while stopping.
    static func fleetServices(config: FrugalConfig, localPath: String, host: String) throws -> [any Service] {
        guard let url = config.fleetURL else { return [] }
        let settings = try PostgresSettings(
            url: url, passwordFile: config.fleet.passwordFile, caFile: config.fleet.tlsCAFile)
        var options = FleetShipper.Options()
        options.interval = config.fleet.shipInterval
        let logger = makeLogger(label: "frugal.fleet", level: config.logLevel)
        logger.info(
            "fleet mode: buffering locally, shipping to PostgreSQL",
            metadata: ["store.target": "\(settings)", "store.path": "\(localPath)"])
        return [
            FleetShipper(
                store: PostgresStore(settings: settings, logger: logger), local: try SQLiteStore(path: localPath),
                localPath: localPath, host: host, options: options, logger: logger)
        ]
    }
}
