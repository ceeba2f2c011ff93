import ArgumentParser
import FrugalCore
import FrugalRuntime
import FrugalServer
import FrugalStore
import Logging
import ServiceLifecycle

extension Daemon {
    /// The cost API and `/metrics` over the daemon's own store, when `[server]
    /// enabled`. An address that cannot be bound is refused here, before
    /// anything starts, with a message that names `[server] listen` (exit 78,
    /// as for any configuration the daemon cannot start with).
    static func serverServices(config: FrugalConfig, storePath: String, logger: Logger) throws -> [any Service] {
        guard config.server.enabled else { return [] }
        do {
            try ListenCheck.assertFree(config.server.listen)
        } catch {
            logger.critical("\(error)")
            throw ExitCode(78)
        }
        let logger = makeLogger(label: "frugal.server", level: config.logLevel)
        return [DaemonServer(config: config, storePath: storePath, logger: logger)]
    }
}

/// `CostServer` inside the daemon: it waits for the sampler to create and
/// migrate the store, then serves read-only. Whatever happens to it is
/// logged and ends the API only: sampling, ingest and attribution go on
/// until the daemon is stopped.
struct DaemonServer: Service {
    let config: FrugalConfig
    let storePath: String
    let logger: Logger

    func run() async throws {
        guard await StoreReadiness.wait(path: storePath, logger: logger) else { return }
        do {
            let server = try CostServer(
                config: config, storePath: storePath, version: FrugalVersion.current, logger: logger)
            try await server.run()
        } catch {
            logger.error(
                "cost API stopped; sampling goes on",
                metadata: ["server.listen": "\(config.server.listen)", "error": "\(error)"])
            try? await gracefulShutdown()
        }
    }
}

/// Waits for the store the sampler creates at start.
enum StoreReadiness {
    /// True once `path` opens read-only at this frugal's schema version;
    /// false when the daemon is stopped first.
    static func wait(path: String, logger: Logger) async -> Bool {
        var waited = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let store = try? SQLiteStore(path: path, options: .init(readOnly: true)),
                (try? store.schemaVersion()) == StoreSchema.latestVersion
            {
                return true
            }
            waited += 1
            if waited == 150 { logger.warning("still waiting for the store", metadata: ["store.path": "\(path)"]) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(200)) }
        }
        return false
    }
}
