import FrugalStore
import Hummingbird

/// `/healthz`, `/readyz`, `/metrics` and `/openapi.json`.
struct ServiceRoutes: Sendable {
    let store: any CostReading
    let metrics: CostMetrics

    func register(on router: Router<ServerContext>) {
        router.get("/healthz") { _, _ in
            JSONBody.response(try JSONBody.encode(HealthView(status: "ok", schemaVersion: nil)))
        }
        router.get("/readyz") { _, _ in try await ready() }
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
    private func ready() async throws -> Response {
        let version: Int
        do {
            version = try await store.schemaVersion()
        } catch {
            throw Problem(
                .notReady,
                "the store \(store.location) cannot be read (\(error)): check the path or URL and its permissions")
        }
        let expected = store.expectedSchemaVersion
        guard version == expected else {
            throw Problem(
                .notReady,
                "the store's schema is version \(version), this frugal reads \(expected): start frugal daemon to migrate it"
            )
        }
        return JSONBody.response(try JSONBody.encode(HealthView(status: "ready", schemaVersion: version)))
    }
}
