/// One LLM request as a gateway logged it: who asked which model, when it
/// ran and how many tokens it moved. Attribution gives it its share of the
/// energy measured while it ran.
public struct RequestRecord: Hashable, Sendable, Codable {
    /// The gateway's request id; with the host, the key that makes ingestion
    /// idempotent.
    public var id: String
    public var host: String
    /// Who pays: a commune, a team, an API key (hashed by the gateway).
    public var tenant: String
    public var model: String
    public var start: Timestamp
    /// When the first token was sent back, when the gateway knows it.
    public var firstToken: Timestamp?
    public var end: Timestamp
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// HTTP status, or the gateway's own (200 for success).
    public var status: Int
    public var streaming: Bool?
    /// The log format it came from (`litellm`, `albert`, `nginx`, `jsonl`).
    public var format: String
    /// The endpoint called (`/v1/chat/completions`), when logged.
    public var endpoint: String?
    /// An estimate the gateway itself logged (Albert's EcoLogits figures),
    /// kept beside our measurement, never mixed with it.
    public var gatewayEstimate: GatewayEstimate?
    /// The backend that served it, as the gateway logged it: LiteLLM's
    /// `api_base`, nginx's `upstream_addr`, the generic `upstream`. Mapped to
    /// accelerators by `[attribution.upstream]`, it tells which replica of a
    /// model ran the request (`Upstream`).
    public var upstream: String?

    public init(
        id: String, host: String, tenant: String, model: String, start: Timestamp, firstToken: Timestamp? = nil,
        end: Timestamp, promptTokens: Int? = nil, completionTokens: Int? = nil, status: Int = 200,
        streaming: Bool? = nil, format: String, endpoint: String? = nil, gatewayEstimate: GatewayEstimate? = nil,
        upstream: String? = nil
    ) {
        self.id = id
        self.host = host
        self.tenant = tenant
        self.model = model
        self.start = start
        self.firstToken = firstToken
        self.end = end
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.status = status
        self.streaming = streaming
        self.format = format
        self.endpoint = endpoint
        self.gatewayEstimate = gatewayEstimate
        self.upstream = upstream
    }

    /// How long the request ran, from the wall-clock stamps of the log.
    public var duration: Duration { end - start }
}

/// An energy and carbon estimate a gateway logs with each request (Albert
/// API stores EcoLogits' min/max per request).
public struct GatewayEstimate: Hashable, Sendable, Codable {
    public var energyMinKilowattHours: Double?
    public var energyMaxKilowattHours: Double?
    public var co2eMinKilograms: Double?
    public var co2eMaxKilograms: Double?
    /// Who made the estimate (`albert/ecologits`).
    public var method: String

    public init(
        energyMinKilowattHours: Double?, energyMaxKilowattHours: Double?, co2eMinKilograms: Double?,
        co2eMaxKilograms: Double?, method: String
    ) {
        self.energyMinKilowattHours = energyMinKilowattHours
        self.energyMaxKilowattHours = energyMaxKilowattHours
        self.co2eMinKilograms = co2eMinKilograms
        self.co2eMaxKilograms = co2eMaxKilograms
        self.method = method
    }
}
