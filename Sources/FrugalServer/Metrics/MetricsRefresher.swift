import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore
import Logging
import ServiceLifecycle

/// Brings `/metrics` up to date and marks cached answers stale whenever the
/// store changed (`dataVersion`), every `every` until shutdown.
struct MetricsRefresher: Service {
    let metrics: CostMetrics
    let cache: ResponseCache
    let store: any CostReading
    let every: Duration
    let logger: Logger
    /// Where refreshes run: a thread of their own, not the cooperative pool.
    let executor = ReadExecutor(label: "frugal.metrics.refresh")

    func run() async throws {
        var lastVersion: Int64?
        var first = true
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let version = try await store.dataVersion()
                if version != lastVersion || first {
                    cache.invalidate()
                    lastVersion = version
                }
                // The clock moves even when the store does not (attribution lag). Off the
                // cooperative pool: the first refresh reads the whole store (seconds on a month).
                do {
                    try await withTaskExecutorPreference(executor) {
                        try await metrics.refresh(now: SystemSampleClock().now().wall)
                    }
                } catch {
                    logger.warning("metrics refresh failed", metadata: ["error": "\(error)"])
                }
                first = false
            } catch {
                logger.warning("metrics refresh failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: every)
        }
    }
}
