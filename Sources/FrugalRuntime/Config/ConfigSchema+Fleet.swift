import FrugalCore

/// Fleet mode: `[store] url = "postgres://…"`. The daemon still writes its
/// local SQLite file (`[store] local_buffer`) and ships it to PostgreSQL, so
/// sampling goes on while the database is away.
public struct FleetSettings: Hashable, Sendable {
    /// The file whose first line is the PostgreSQL password (never in the URL).
    public var passwordFile: String?
    /// PEM file of the CA that signed the server's certificate (sslmode require, verify-ca, verify-full).
    public var tlsCAFile: String?
    /// The local SQLite file the daemon writes and ships from.
    public var localBuffer = "/var/lib/frugal/frugal.db"
    /// Pause between two shipments once caught up.
    public var shipInterval: Duration = .seconds(10)

    public init() {}
}

extension FrugalConfig {
    /// The PostgreSQL URL of a fleet store, nil for an embedded one.
    public var fleetURL: String? {
        ConfigKeys.isPostgresURL(store) ? store : nil
    }

    /// The SQLite file this host writes: the store itself, or in fleet mode the local buffer.
    public var localStorePath: String? {
        sqlitePath ?? (fleetURL != nil ? fleet.localBuffer : nil)
    }
}

extension ConfigKeys {
    static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Checks `[store] url`: an absolute sqlite: path, or a postgres:// URL
    /// with a user and no password (it would show in logs and process lists).
    static func checkStoreURL(_ text: String) -> String? {
        if text.hasPrefix("sqlite:/") { return nil }
        guard isPostgresURL(text) else {
            return "expected \"sqlite:/absolute/path.db\" or \"postgres://user@host:5432/db?sslmode=require\""
        }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        guard let at = rest.firstIndex(of: "@"), at > rest.startIndex else {
            return "a postgres:// URL names its user: postgres://user@host:5432/db"
        }
        if rest[..<at].contains(":") { return "the URL holds a password: put it in [store] password_file instead" }
        if let query = rest.firstIndex(of: "?") {
            let modes = ["disable", "prefer", "require", "verify-ca", "verify-full"]
            let parameters = rest[rest.index(after: query)...].split(separator: "&")
            for parameter in parameters {
                guard parameter.hasPrefix("sslmode="), modes.contains(String(parameter.dropFirst(8))) else {
                    return "unknown URL parameter \(parameter): only sslmode=\(modes.joined(separator: "|"))"
                }
            }
        }
        return nil
    }

    /// The fleet keys of `[store]`.
    static let fleet: [ConfigKey] = [
        absolutePath(
            "password_file", \.fleet.passwordFile,
            "File holding the PostgreSQL password on its first line (chmod 0600). Never logged."),
        absolutePath(
            "tls_ca_file", \.fleet.tlsCAFile,
            "PEM CA certificate to verify the PostgreSQL server with (sslmode=require, verify-ca or verify-full)."),
        .string(
            "store", "local_buffer", \.fleet.localBuffer,
            "With a postgres:// url: the local SQLite file the daemon writes and ships from while the database is away.",
            check: { $0.hasPrefix("/") ? nil : "must be an absolute path" }),
        .duration(
            "store", "ship_interval", \.fleet.shipInterval, in: .milliseconds(100)...(.seconds(3_600)),
            "With a postgres:// url: how often new local data is shipped once caught up."),
    ]

    private static func absolutePath(
        _ name: String, _ keyPath: WritableKeyPath<FrugalConfig, String?> & Sendable, _ help: String
    ) -> ConfigKey {
        ConfigKey(section: "store", name: name, type: "string", defaultValue: "\"\" (none)", help: help) {
            config, raw in
            guard case .string(let text) = raw else { return "expected a string, got \(raw.text)" }
            guard text.isEmpty || text.hasPrefix("/") else { return "must be an absolute path" }
            config[keyPath: keyPath] = text.isEmpty ? nil : text
            return nil
        }
    }
}
