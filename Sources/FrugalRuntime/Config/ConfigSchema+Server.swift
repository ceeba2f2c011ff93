import FrugalCore

/// Who a bearer token speaks for.
public enum ServerRole: Hashable, Sendable, CustomStringConvertible {
    /// Everything, including raw counters and every tenant.
    case admin
    /// One tenant's requests and usage only.
    case tenant(String)
    /// Sums over models, tenants and hosts; no single request.
    case aggregate

    /// Reads `admin`, `aggregate` or `tenant:<id>`.
    public init?(text: String) {
        switch text {
        case "admin": self = .admin
        case "aggregate": self = .aggregate
        default:
            guard text.hasPrefix("tenant:"), text.count > "tenant:".count else { return nil }
            self = .tenant(String(text.dropFirst("tenant:".count)))
        }
    }

    public var description: String {
        switch self {
        case .admin: "admin"
        case .aggregate: "aggregate"
        case .tenant(let id): "tenant:\(id)"
        }
    }
}

/// A bearer token, as configured: its SHA-256 (never the token) and its role.
public struct ServerToken: Hashable, Sendable {
    /// Lowercase hex SHA-256 of the token's UTF-8 bytes (`frugal serve hash-token`).
    public var sha256: String
    public var role: ServerRole

    public init(sha256: String, role: ServerRole) {
        self.sha256 = sha256
        self.role = role
    }
}

/// The `[server]` section: the cost API and `/metrics`.
public struct ServerSettings: Hashable, Sendable {
    /// Whether `frugal daemon` serves the API and `/metrics` itself (`frugal serve` always does).
    public var enabled = true
    /// `host:port` to listen on; loopback by default.
    public var listen = "127.0.0.1:9464"
    /// Tokens by name. None: the API is open, which is allowed on loopback only.
    public var tokens: [String: ServerToken] = [:]
    /// Whether `/metrics` carries per-tenant series (cardinality grows with tenants).
    public var tenantMetrics = false
    /// The most requests one page may hold.
    public var maxPageSize = 1_000
    /// The longest window a query may span.
    public var maxWindow: Duration = .seconds(366 * 86_400)
    /// How often `/metrics` values are brought up to date from the store (never under 1 s:
    /// finer energy readings are a side channel, CVE-2020-8694).
    public var metricsRefresh: Duration = .seconds(1)
    /// The grid zone whose intensity prices energy (`grid_intensity.zone`).
    public var gridZone = "FR"

    public init() {}

    /// Whether `listen` names a loopback address.
    public var listensOnLoopback: Bool {
        let host = Self.split(listen)?.host ?? ""
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// Splits `host:port` (`[v6]:port` too); nil when it is not one.
    public static func split(_ address: String) -> (host: String, port: Int)? {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(address[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }
}

extension ConfigKeys {
    /// The `[server]` keys: the developers' cost API and Prometheus `/metrics`.
    static let server: [ConfigKey] = [
        .bool(
            "server", "enabled", \.server.enabled,
            "Serve the cost API and /metrics from frugal daemon (frugal serve serves them on its own)."),
        .string(
            "server", "listen", \.server.listen,
            "host:port of the cost API and /metrics. Loopback by default; another address needs [server.tokens]; port 0: any free port (logged).",
            check: { ServerSettings.split($0) == nil ? "expected host:port, such as \"127.0.0.1:9464\"" : nil }),
        ConfigKey(
            section: "server", table: "tokens", type: "table of name = \"role sha256:HEX\"",
            help:
                "Bearer tokens: role admin, aggregate or tenant:<id>, and the token's SHA-256 (frugal serve hash-token)."
        ) { config, name, raw in
            guard case .string(let text) = raw else { return "expected \"role sha256:HEX\", got \(raw.text)" }
            let parts = text.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let role = ServerRole(text: String(parts[0])) else {
                return "expected \"admin|aggregate|tenant:<id> sha256:HEX\", got \(text)"
            }
            let hex = parts[1].hasPrefix("sha256:") ? parts[1].dropFirst(7).lowercased() : ""
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else {
                return "expected sha256: and 64 hex digits (run frugal serve hash-token), got \(parts[1])"
            }
            config.server.tokens[name] = ServerToken(sha256: hex, role: role)
            return nil
        },
        .bool(
            "server", "tenant_metrics", \.server.tenantMetrics,
            "Add per-tenant series to /metrics (one series per tenant and model)."),
        ConfigKey(
            section: "server", name: "max_page_size", type: "integer", defaultValue: "1000",
            help: "The most requests one /v1/requests page may hold (1 to 10000)."
        ) { config, raw in
            guard case .integer(let value) = raw, (1...10_000).contains(value) else {
                return "expected an integer from 1 to 10000, got \(raw.text)"
            }
            config.server.maxPageSize = value
            return nil
        },
        .duration(
            "server", "max_window", \.server.maxWindow, in: .seconds(3_600)...(.seconds(3_660 * 86_400)),
            "The longest from..to window a query may span."),
        .duration(
            "server", "metrics_refresh", \.server.metricsRefresh, in: .seconds(1)...(.seconds(300)),
            "How often /metrics values are read again from the store (at least 1s)."),
        .string(
            "server", "grid_zone", \.server.gridZone, "The grid zone whose carbon intensity prices energy.",
            check: { $0.isEmpty ? "must not be empty" : nil }),
    ]
}
