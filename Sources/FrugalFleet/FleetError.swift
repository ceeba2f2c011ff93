import PostgresNIO

/// Why the fleet database could not be used, said for a person: what failed,
/// where (host, port, database, user — never the password) and what to do.
public struct FleetError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The server does not answer or closed the connection: retry later.
        case unreachable
        /// The server refused the user or password.
        case authentication
        /// TLS was required and could not be set up.
        case tls
        /// The database was migrated by a newer frugal.
        case schemaTooNew
        /// The server ran out of disk (or a configured file limit).
        case diskFull
        /// A setting is wrong (URL, password file, CA file).
        case configuration
        /// Any other error the server reported.
        case server
    }

    public var kind: Kind
    public var message: String
    public var fix: String?

    public init(_ kind: Kind, _ message: String, fix: String? = nil) {
        self.kind = kind
        self.message = message
        self.fix = fix
    }

    public var description: String {
        fix.map { "\(message) (\($0))" } ?? message
    }

    /// Whether shipping should keep the data locally and try again later
    /// (the server may come back, get disk space or be upgraded).
    public var isRetryable: Bool { kind != .configuration }

    /// Maps an error from postgres-nio (whose own description hides the
    /// details) to a clear one naming `target` (`user@host:port/db`).
    static func from(_ error: any Error, target: String) -> FleetError {
        if let fleet = error as? FleetError { return fleet }
        if let transaction = error as? PostgresTransactionError {
            let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError
            return inner.map { from($0, target: target) } ?? FleetError(.server, "transaction failed on \(target)")
        }
        guard let psql = error as? PSQLError else {
            return FleetError(.unreachable, "cannot reach PostgreSQL at \(target): \(describe(error))")
        }
        if let info = psql.serverInfo {
            return fromServer(info, target: target)
        }
        switch psql.code {
        case .sslUnsupported:
            return FleetError(
                .tls, "PostgreSQL at \(target) does not offer TLS but sslmode requires it",
                fix: "enable ssl on the server or use sslmode=prefer")
        case .failedToAddSSLHandler:
            return FleetError(.tls, "TLS setup failed for \(target): \(psql.underlying.map(describe) ?? "unknown")")
        default:
            let cause = psql.underlying.map(describe) ?? "\(psql.code)"
            return FleetError(
                .unreachable, "cannot reach PostgreSQL at \(target): \(cause)",
                fix: "is the server running and listening there? data stays buffered locally")
        }
    }

    private static func fromServer(_ info: PSQLError.ServerInfo, target: String) -> FleetError {
        let state = info[.sqlState] ?? ""
        let text = info[.message] ?? "unknown server error"
        switch state {
        case "28P01", "28000":
            return FleetError(
                .authentication, "PostgreSQL at \(target) refused the login: \(text)",
                fix: "check the user in the URL and the password in [store] password_file")
        case "53100", "53400", "54000":
            return FleetError(
                .diskFull, "PostgreSQL at \(target) is out of disk: \(text) [\(state)]",
                fix: "free space on the server; data stays buffered locally and ships once it can")
        case "3D000":
            return FleetError(.configuration, "database does not exist at \(target): \(text)")
        case _ where state.hasPrefix("08") || state.hasPrefix("57"):
            return FleetError(.unreachable, "PostgreSQL at \(target) is not available: \(text) [\(state)]")
        default:
            return FleetError(.server, "PostgreSQL at \(target) failed: \(text) [\(state)]")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let io = error as? IOError { return io.description }
        return String(describing: error)
    }

    /// Whether the connection is likely broken (reconnect before the next try).
    var dropsConnection: Bool { kind == .unreachable || kind == .tls || kind == .authentication }
}
