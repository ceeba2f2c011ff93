import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore
import Hummingbird
import Logging
import ServiceLifecycle

/// The developers' cost API, `/metrics`, `/openapi.json`, `/healthz` and
/// `/readyz` over a read-only store, as a `Service`: add it to the daemon's
/// `ServiceGroup`, or run it alone (`frugal serve`). The store is one host's
/// SQLite file or the fleet's PostgreSQL database (any `CostReading`). It
/// listens on `[server] listen` and refreshes the metrics every `metrics_refresh`.
public struct CostServer: Service {
    public let settings: ServerSettings
    let store: any CostReading
    /// What `/readyz` and the refresher read (`dataVersion`), apart from the API's reads.
    let status: any CostReading
    let metrics: CostMetrics
    let cache: ResponseCache
    let logger: Logger
    let api: CostAPI
    /// Called with the bound port once the server listens (tests ask for port 0).
    let onListening: @Sendable (Int) async -> Void

    /// Opens `storePath` read-only and builds the routes. Throws when the store
    /// cannot be read, or when the API would be open (no tokens) off loopback.
    public init(
        config: FrugalConfig, storePath: String, version: String, logger: Logger,
        cacheResponses: Bool = true,
        now: @escaping @Sendable () -> Timestamp = { SystemSampleClock().now().wall },
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws {
        try Self.check(config.server)
        let store = try SQLiteStore(path: storePath, options: .init(readOnly: true))
        // `/metrics`, its refresher and `/readyz` read through a connection of their own: waiting
        // on the API's connection while a cached month is recomputed would hold a thread of the
        // cooperative pool that requests need (WAL lets both read at once).
        let metricsStore = try SQLiteStore(path: storePath, options: .init(readOnly: true))
        self.init(
            config: config, reading: store, status: metricsStore, version: version,
            logger: logger, cacheResponses: cacheResponses, now: now, onListening: onListening)
    }

    /// Serves `reading` (the fleet's PostgreSQL database, or a SQLite file).
    /// `status` (a connection of its own to the same store) answers
    /// `/readyz`, the cache's `dataVersion` and `/metrics`' refreshes.
    public init(
        config: FrugalConfig, reading: any CostReading, status: any CostReading, version: String, logger: Logger,
        cacheResponses: Bool = true,
        now: @escaping @Sendable () -> Timestamp = { SystemSampleClock().now().wall },
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let settings = config.server
        self.settings = settings
        self.store = reading
        self.status = status
        self.logger = logger
        self.onListening = onListening
        self.cache = ResponseCache(enabled: cacheResponses)
        let carbon = config.carbon
        let pricing = CarbonPricing(
            store: nil, zone: settings.gridZone, staticGramsPerKilowattHour: carbon.staticGramsPerKilowattHour,
            boundary: SCIBoundary(configuredScope: carbon.boundary, pue: carbon.pue),
            embodied: EmbodiedEmissions.configured(
                manufacturingKilograms: carbon.embodiedManufacturingKilograms,
                lifetimeYears: carbon.embodiedLifetimeYears, inferenceShare: carbon.embodiedInferenceShare),
            showsLifecycle: carbon.lifecycle, lifecycle: carbon.lifecycleIntensity, reading: reading)
        self.metrics = CostMetrics(
            store: status,
            pricing: CarbonPricing(
                store: nil, zone: settings.gridZone,
                staticGramsPerKilowattHour: config.carbon.staticGramsPerKilowattHour, reading: status),
            tenantSeries: settings.tenantMetrics, version: version)
        self.api = CostAPI(
            store: reading,
            calculator: CostCalculator(pricing: pricing, promptTokenWeight: config.promptTokenWeight),
            limits: APILimits(maxWindow: settings.maxWindow, maxPageSize: settings.maxPageSize),
            zone: settings.gridZone, cache: cache, now: now)
    }

    /// Throws when `[server] listen` is not host:port, or when the API would be open (no tokens) off loopback.
    public static func check(_ settings: ServerSettings) throws {
        guard ServerSettings.split(settings.listen) != nil else {
            throw ServerSetupError("[server] listen \(settings.listen) is not host:port, such as 127.0.0.1:9464")
        }
        guard settings.listensOnLoopback || !settings.tokens.isEmpty else {
            throw ServerSetupError(
                "[server] listen \(settings.listen) is not a loopback address and no [server.tokens] are configured: "
                    + "add tokens (frugal serve hash-token) or listen on 127.0.0.1")
        }
    }

    /// The routes, middleware first: problems, then bearer tokens.
    public func makeRouter() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        let routes = RouteTable()
        router.add(middleware: ProblemMiddleware(routes: routes))
        router.add(middleware: AuthMiddleware(tokens: settings.tokens))
        api.register(on: router)
        ServiceRoutes(store: status, metrics: metrics).register(on: router)
        routes.set(router.routes.map { "\($0.path)" })
        return router
    }

    /// The application, for tests (`app.test(.router)`) and `run()`.
    public func application() -> some ApplicationProtocol {
        let (host, port) = ServerSettings.split(settings.listen)!
        let onListening = self.onListening
        let (logger, path) = (self.logger, store.location)
        return Application(
            router: makeRouter(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [
                MetricsRefresher(
                    metrics: metrics, cache: cache, store: status, every: settings.metricsRefresh,
                    logger: logger),
                CacheRefresher(cache: cache),
            ],
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                // With port 0 the kernel picks one: the log says which (tests read it).
                let address = host.contains(":") ? "[\(host)]:\(bound)" : "\(host):\(bound)"
                logger.info("cost API listening", metadata: ["server.address": "\(address)", "store.path": "\(path)"])
                await onListening(bound)
            },
            logger: logger)
    }

    /// Serves until graceful shutdown. An address already in use is a
    /// `ServerSetupError` that names `[server] listen`.
    public func run() async throws {
        try ListenCheck.assertFree(settings.listen)
        try await application().runService()
    }
}

/// A configuration the server cannot start with; the message says what to change.
public struct ServerSetupError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
