import FrugalStore
import Hummingbird

/// `/healthz`, `/readyz`, `/metrics` and `/openapi.json`.
struct ServiceRoutes: Sendable {
    let store: SQLiteStore
    let metrics: CostMetrics

    func register(on router: Router<ServerContext>) {
        router.get("/healthz") { _, _ in
            JSONBody.response(try JSONBody.encode(HealthView(status: "ok", schemaVersion: nil)))
        }
        router.get("/readyz") { _, _ in try ready() }
        router.get("/metrics") { _, context in
            if case .tenant = context.role {
                throw Problem(.forbidden, "/metrics spans every tenant: scrape it with an admin or aggregate token")
            }
            return JSONBody.response(
                ByteBuffer(bytes: metrics.scrape()), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.json") { _, _ in
            JSONBody.response(ByteBuffer(string: OpenAPIDocument.json))
        }
    }

    /// Ready when the store answers and its schema is the one this frugal reads.
    private func ready() throws -> Response {
        let version: Int
        do {
            version = try store.schemaVersion()
        } catch {
            throw Problem(.notReady, "the store cannot be read (\(error)): check the path and its permissions")
        }
        guard version == StoreSchema.latestVersion else {
            throw Problem(
                .notReady,
                "the store's schema is version \(version), this frugal reads \(StoreSchema.latestVersion): start frugal daemon to migrate it"
            )
        }
        return JSONBody.response(try JSONBody.encode(HealthView(status: "ready", schemaVersion: version)))
    }
}
