import FrugalCore

/// Which key of an nginx JSON access log holds each field. Keys may be
/// dotted paths into nested objects. Numbers may be written as JSON numbers
/// or as text (`"0.123"`); `""` and `"-"` are absent, as nginx writes
/// unset variables. The default matches the `log_format frugal` of README.md.
public struct NginxMapping: Hashable, Sendable, Codable {
    /// The request id (`$request_id`). Required.
    public var id: String
    /// When nginx wrote the line, which is the request's end: `$msec`
    /// (epoch seconds) or `$time_iso8601`. Required.
    public var time: String
    /// `$request_time`: seconds from the first byte read from the client to
    /// the log write; the start is `time − request_time`. Required.
    public var requestTime: String
    /// `$status`. Absent: 200.
    public var status: String?
    /// `$uri`.
    public var endpoint: String?
    /// Who pays: a variable set from the key by a `map` or by the auth
    /// layer, `$remote_user`; never `$http_authorization`.
    public var tenant: String?
    /// The model, from an upstream response header if the server sends one.
    public var model: String?
    public var promptTokens: String?
    public var completionTokens: String?
    /// Seconds from the start to the first token, if something logs it.
    public var firstTokenSeconds: String?
    public var stream: String?
    /// `$upstream_addr`: the backend that answered (the last of a retry
    /// list), which `[attribution.upstream]` maps to accelerators.
    public var upstream: String?
    /// The model of every request when none is logged (a host serving one
    /// model); else the context's unknown model.
    public var defaultModel: String?

    public init(
        id: String = "request_id", time: String = "time", requestTime: String = "request_time",
        status: String? = "status", endpoint: String? = "uri", tenant: String? = "tenant", model: String? = "model",
        promptTokens: String? = "prompt_tokens", completionTokens: String? = "completion_tokens",
        firstTokenSeconds: String? = nil, stream: String? = nil, upstream: String? = "upstream_addr",
        defaultModel: String? = nil
    ) {
        self.id = id
        self.time = time
        self.requestTime = requestTime
        self.status = status
        self.endpoint = endpoint
        self.tenant = tenant
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.firstTokenSeconds = firstTokenSeconds
        self.stream = stream
        self.upstream = upstream
        self.defaultModel = defaultModel
    }

    /// The keys in field order; a field not mapped reads nothing.
    var keys: [String?] {
        [
            id, time, requestTime, status, endpoint, tenant, model, promptTokens, completionTokens, firstTokenSeconds,
            stream, upstream,
        ]
    }
}
