import Foundation
import FrugalCore
import FrugalRuntime
import FrugalStore
import Hummingbird

/// The `/v1` routes: what they read, who may read it, and the cache in front.
struct CostAPI: Sendable {
    let store: any CostReading
    let calculator: CostCalculator
    let limits: APILimits
    let zone: String
    let cache: ResponseCache
    let now: @Sendable () -> Timestamp

    func register(on router: Router<ServerContext>) {
        router.get("/v1/models") { request, context in
            try await cached(request, context) { try await models(request, context) }
        }
        router.get("/v1/models/:model") { request, context in
            try await cached(request, context) { try await model(request, context) }
        }
        router.get("/v1/tenants") { request, context in
            try await cached(request, context) { try await tenants(request, context) }
        }
        router.get("/v1/estimate") { request, context in
            try await cached(request, context) { try await estimate(request, context) }
        }
        router.get("/v1/requests") { request, context in
            try await cached(request, context) { try await requests(request, context) }
        }
        router.get("/v1/requests/:id") { request, context in
            try await cached(request, context) { try await singleRequest(request, context) }
        }
        router.get("/v1/hosts") { request, context in
            try await cached(request, context) { try await hosts(request, context) }
        }
        router.get("/v1/grid/intensity") { request, context in
            try await cached(request, context) { try await grid(request, context) }
        }
    }

    /// The answer from the cache, keyed by role and full URI (path and query):
    /// a stale one is served while `CacheRefresher` recomputes it.
    private func cached(
        _ request: Request, _ context: ServerContext, _ make: @escaping ResponseCache.Make
    ) async throws -> Response {
        let key = "\(context.role) \(request.uri.description)"
        return JSONBody.response(try await cache.body(for: key, make: make))
    }

    func reader(_ request: Request, _ allowed: Set<String>) throws -> QueryReader {
        try QueryReader(request, allowed: allowed, now: now(), limits: limits)
    }

    /// A path parameter, percent-decoded: model names hold slashes
    /// (`meta-llama/Llama-3.1-8B-Instruct` is sent as `meta-llama%2FLlama-3.1-8B-Instruct`).
    func pathParameter(_ name: String, _ context: ServerContext) throws -> String {
        let raw = try context.parameters.require(name)
        guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty else {
            throw Problem(
                .invalidParameter, "\(name) \(raw) is not valid percent-encoding: encode / as %2F and % as %25",
                parameter: name)
        }
        return decoded
    }

    /// The tenant a role is confined to; a tenant token asking for another tenant is refused.
    func tenantFilter(_ context: ServerContext, asked: String?) throws -> String? {
        guard case .tenant(let own) = context.role else { return asked }
        if let asked, asked != own {
            throw Problem(.forbidden, "this token reads tenant \(own) only: drop tenant= or send tenant=\(own)")
        }
        return own
    }

    func require(_ context: ServerContext, notAggregate route: String) throws {
        if case .aggregate = context.role {
            throw Problem(
                .forbidden, "aggregate tokens read sums only: use /v1/models or /v1/tenants instead of \(route)")
        }
    }

    func windowView(_ from: Timestamp, _ to: Timestamp) -> WindowView {
        WindowView(from: RFC3339.format(from), to: RFC3339.format(to))
    }

    // MARK: models and tenants

    private func models(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        let query = try reader(request, ["from", "to", "host"])
        let (from, to) = try query.window()
        let cost = CostQuery(
            from: from, to: to, host: try query.name("host"), tenant: try tenantFilter(context, asked: nil), zone: zone)
        let coefficients = Dictionary(grouping: try await store.modelCoefficients(model: nil), by: \.model)
        let embodied = try await embodiedGrams(cost, by: \.model)
        var views: [CostSummaryView] = []
        for usage in try await store.usage(cost, by: .model, histograms: true) {
            views.append(
                try await calculator.summary(
                    usage, keyName: "model", window: windowView(from, to), coefficients: coefficients[usage.key] ?? [],
                    quantiles: Self.quantiles(usage.costHistograms), embodiedGrams: embodied[usage.key] ?? 0))
        }
        return try JSONBody.encode(ModelListView(window: windowView(from, to), models: views))
    }

    private func model(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        let name = try pathParameter("model", context)
        let query = try reader(request, ["from", "to", "host"])
        let (from, to) = try query.window()
        guard try await store.knownModels().contains(name) else {
            throw Problem(.notFound, "no model \(name) in the store: GET /v1/models lists the models measured")
        }
        let cost = CostQuery(
            from: from, to: to, host: try query.name("host"), model: name,
            tenant: try tenantFilter(context, asked: nil), zone: zone)
        let usage = try await store.usage(cost, by: .model, histograms: true).first ?? UsageSummary(key: name)
        let view = try await calculator.summary(
            usage, keyName: "model", window: windowView(from, to),
            coefficients: try await store.modelCoefficients(model: name),
            quantiles: Self.quantiles(usage.costHistograms),
            embodiedGrams: try await embodiedGrams(cost, by: \.model)[name] ?? 0)
        return try JSONBody.encode(view)
    }

    private func tenants(_ request: Request, _ context: ServerContext) async throws -> ByteBuffer {
        let query = try reader(request, ["from", "to", "host", "model", "tenant"])
        let (from, to) = try query.window()
        let cost = CostQuery(
            from: from, to: to, host: try query.name("host"), model: try query.name("model"),
            tenant: try tenantFilter(context, asked: try query.name("tenant")), zone: zone)
        let embodied = try await embodiedGrams(cost, by: \.tenant)
        var views: [CostSummaryView] = []
        for usage in try await store.usage(cost, by: .tenant, histograms: true) {
            views.append(
                try await calculator.summary(
                    usage, keyName: "tenant", window: windowView(from, to),
                    quantiles: Self.quantiles(usage.costHistograms), embodiedGrams: embodied[usage.key] ?? 0))
        }
        return try JSONBody.encode(TenantListView(window: windowView(from, to), tenants: views))
    }

    /// M of SCI per model or tenant (`key`) for the usage `cost` selects; empty
    /// when `[carbon.embodied]` is not configured. Each host's quarter is shared
    /// over all its usage, whatever `cost` filters.
    func embodiedGrams(_ cost: CostQuery, by key: @escaping (QuarterEnergyIntensity) -> String) async throws
        -> [String: Double]
    {
        guard let embodied = calculator.pricing.embodied else { return [:] }
        let rows = try await store.quarterEnergyWithIntensity(zone: zone, host: cost.host, from: cost.from, to: cost.to)
        return EmbodiedAllocation(embodied: embodied, rows: rows).grams(rows) { row in
            (cost.model == nil || row.model == cost.model) && (cost.tenant == nil || row.tenant == cost.tenant)
                ? key(row) : nil
        }
    }

    /// p50 and p90 of the full cost per request, from the quarters' merged histograms.
    static func quantiles(_ blobs: [[UInt8]], _ low: Double = 0.5, _ high: Double = 0.9) -> (p50: Energy, p90: Energy)?
    {
        var merged = EnergyHistogram()
        for blob in blobs {
            if let histogram = EnergyHistogram(encoded: blob) { merged.merge(histogram) }
        }
        guard let p50 = merged.quantile(low), let p90 = merged.quantile(high) else { return nil }
        return (p50, p90)
    }
}
