import FrugalCore

/// What a parser needs besides the line: where it came from, how to read
/// times that carry no zone, what "now" is, and whom to bill.
public struct ParseContext: Hashable, Sendable {
    /// The host the requests ran on; every record carries it.
    public var host: String
    /// The zone of timestamps written without one (LiteLLM's
    /// `2025-01-24 09:20:46.847371`, Albert's `datetime`): the gateway
    /// wrote its local time. UTC by default.
    public var timeZone: LogTimeZone
    /// The current time; a line dated later than `now + maxFutureSkew` is
    /// rejected (`future_timestamp`). A long-running tailer refreshes it.
    public var now: Timestamp
    public var maxFutureSkew: Duration
    /// Which identity becomes the tenant, first present wins. Default: the
    /// key's alias, the team's alias (the names an operator gave, what an
    /// élu reads), then the hashed API key, the team id, the user, the end
    /// user.
    public var tenantOrder: [TenantSource]
    /// The tenant of a request whose log names nobody.
    public var unknownTenant: String
    /// The model of a request whose log names none (nginx without a model
    /// header): attribution then weights it by time overlap.
    public var unknownModel: String
    /// Lines longer than this are rejected (`too_long`) unread.
    public var maxLineBytes: Int
    public var jsonLimits: JSONLimits

    public init(
        host: String, timeZone: LogTimeZone = .utc, now: Timestamp, maxFutureSkew: Duration = .seconds(86_400),
        tenantOrder: [TenantSource] = TenantSource.allCases, unknownTenant: String = "unknown",
        unknownModel: String = "unknown", maxLineBytes: Int = 1 << 20, jsonLimits: JSONLimits = JSONLimits()
    ) {
        precondition(maxLineBytes > 0, "the line limit must be positive")
        self.host = host
        self.timeZone = timeZone
        self.now = now
        self.maxFutureSkew = maxFutureSkew
        self.tenantOrder = tenantOrder
        self.unknownTenant = unknownTenant
        self.unknownModel = unknownModel
        self.maxLineBytes = maxLineBytes
        self.jsonLimits = jsonLimits
    }

    /// The latest time a line may carry.
    public var latestAccepted: Timestamp { now + maxFutureSkew }

    /// The earliest time a line may carry: 2000-01-01T00:00:00Z. No gateway
    /// logged an LLM request before; an earlier stamp is a unit mistake
    /// (seconds read as ns) or garbage, and bounding it keeps every later
    /// difference of two stamps within 64 bits.
    public static let earliestAccepted = Timestamp(secondsSinceEpoch: 946_684_800)
}

/// An identity a gateway logs for a request, in the order tried for the
/// tenant. An alias is written as it is (`commune-rennes`): a person chose
/// it to be read. Any other identity is written `<source>:<value>`
/// (`key:88dc…`, `team:7f3e…`) for LiteLLM and Albert, so that a fallback
/// can never be mistaken for a key or a name.
public enum TenantSource: String, Hashable, Sendable, CaseIterable, Codable {
    /// The name given to the API key (LiteLLM's `key_alias`).
    case keyAlias = "key_alias"
    /// The name given to the key's team (LiteLLM's `team_alias`).
    case teamAlias = "team_alias"
    /// The (hashed) API key, or Albert's token id.
    case apiKey = "key"
    case team
    case user
    /// The end user the caller passed on (`user` in the OpenAI request).
    case endUser = "end_user"

    /// Whether the value is written without its `<source>:` prefix.
    public var isAlias: Bool { self == .keyAlias || self == .teamAlias }
}

/// The zone of timestamps that carry none.
public enum LogTimeZone: Hashable, Sendable {
    case utc
    /// A fixed offset east of UTC, in seconds.
    case fixedOffset(seconds: Int)
    /// An IANA zone (`Europe/Paris`), with its daylight-saving rules.
    case named(String)
}
