import FrugalCore

/// The reads of the developers' cost API (FrugalServer), from one host's
/// SQLite file (`SQLiteStore`) or from the fleet's PostgreSQL database
/// (FrugalFleet's `PostgresStore`). Both run `CostSQL`'s queries, so a host's
/// answer is the same from either.
public protocol CostReading: Sendable {
    /// What is read, for logs: a file's path, or a database's URL without its password.
    var location: String { get }
    /// The schema version this frugal reads from this kind of store.
    var expectedSchemaVersion: Int { get }

    /// Usage summed by model, tenant or host over the query's quarters;
    /// `histograms` also collects each key's `cost_histogram` blobs.
    func usage(_ query: CostQuery, by grouping: UsageGrouping, histograms: Bool) async throws -> [UsageSummary]
    /// Models with usage or fitted coefficients.
    func knownModels() async throws -> Set<String>
    /// Fitted per-token coefficients, of one model or all (nil).
    func modelCoefficients(model: String?) async throws -> [StoredModelCoefficients]
    /// A page of requests starting in the query's window, ordered by (start, key).
    func requestPage(_ query: RequestPageQuery) async throws -> RequestPage
    /// The requests with gateway id `id` (on `host` when given), newest first, with their windows.
    func requestCosts(id: String, host: String?, zone: String) async throws -> [RequestCost]
    /// Hosts with their attribution books over quarters starting in `[from, to)`.
    func hostCosts(from: Timestamp, to: Timestamp) async throws -> [HostCost]
    /// Stored intensities of `zone` for quarters starting in `[from, to)`, in time order.
    func gridIntensity(zone: String, from: Timestamp, to: Timestamp) async throws -> [GridIntensityRow]
    /// `usage_quarter` rows for quarters in `[from, to)` (one host or all), with each quarter's stored intensity.
    func quarterEnergyWithIntensity(zone: String, host: String?, from: Timestamp, to: Timestamp) async throws
        -> [QuarterEnergyIntensity]
    /// `/metrics`: minute rollups from `since` (ns), `CostSQL.domainMinutes`' rows.
    func domainMinutes(since: Int64) async throws -> [CostMetricRow]
    /// `/metrics`: usage quarters from `since` (ns), `CostSQL.usageQuarters`' rows.
    func usageQuarters(since: Int64, zone: String) async throws -> [CostMetricRow]
    /// `/metrics`: books of counted domains per host and window from `since` (ns).
    func bookWindows(since: Int64) async throws -> [CostMetricRow]
    /// `/metrics`: ingest counters summed over sources.
    func ingestCounterRows() async throws -> [CostMetricRow]
    /// A number that moves whenever the stored data may have changed: readers cache until it does.
    func dataVersion() async throws -> Int64
    /// The store's schema version, for readiness checks.
    func schemaVersion() async throws -> Int
}

// The sync reads satisfy the protocol: a SQLite read is a few milliseconds
// on the caller's thread (the API computes months off the cooperative pool).
extension SQLiteStore: CostReading {
    public var location: String { path }
    public var expectedSchemaVersion: Int { StoreSchema.latestVersion }
}
