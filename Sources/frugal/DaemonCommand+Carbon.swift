import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore
import Logging
import ServiceLifecycle

extension Daemon {
    /// `CarbonService` when `[carbon] fetch`: eCO2mix from ODRÉ into
    /// `grid_intensity` every `fetch_interval`, on threads of its own.
    static func carbonServices(config: FrugalConfig, storePath: String, now: @escaping @Sendable () -> Timestamp)
        -> [any Service]
    {
        guard config.carbon.fetch else { return [] }
        let logger = makeLogger(label: "frugal.carbon", level: config.logLevel)
        return [DaemonCarbon(config: config, storePath: storePath, now: now, logger: logger)]
    }
}

/// `CarbonService` inside the daemon: it waits for the store the sampler
/// creates, then fetches on schedule. A feed that fails, hangs or answers
/// garbage is logged and retried next round; figures fall back (cached,
/// history, profile, static) with their source marked. Nothing it does can
/// stop the daemon or hold its shutdown.
struct DaemonCarbon: Service {
    let config: FrugalConfig
    let storePath: String
    let now: @Sendable () -> Timestamp
    let logger: Logger

    func run() async throws {
        guard await StoreReadiness.wait(path: storePath, logger: logger) else { return }
        let carbon = config.carbon
        do {
            let service = CarbonService(
                client: ODREClient(baseURL: carbon.apiBaseURL, timeout: carbon.timeout),
                store: try SQLiteStore(path: storePath),
                settings: CarbonService.Settings(zone: carbon.zone, interval: carbon.fetchInterval), logger: logger,
                now: now)
            logger.info(
                "fetching grid intensity",
                metadata: [
                    "carbon.api_base_url": "\(carbon.apiBaseURL)", "carbon.fetch_interval": "\(carbon.fetchInterval)",
                ])
            try await service.run()
        } catch {
            logger.error("grid intensity fetching stopped; figures fall back", metadata: ["error": "\(error)"])
            try? await gracefulShutdown()
        }
    }
}
