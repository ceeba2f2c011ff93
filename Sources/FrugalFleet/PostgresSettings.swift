import FrugalCore
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#endif

/// Where the fleet database is and how to log in: parsed from
/// `postgres://user@host:port/database?sslmode=…` plus a password file and a
/// CA file. The password is never in the URL (refused: URLs end up in logs
/// and process lists) and never in a description or an error.
public struct PostgresSettings: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        /// Verify the server's certificate chain against the CA file.
        case verifyCA = "verify-ca"
        /// Verify the chain and that the certificate names the host.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// PEM file of the CA that signed the server's certificate.
    public var caFile: String?
    /// The file the password was read from (`[store] password_file`).
    public var passwordFile: String?
    /// Read from `passwordFile`; private so no description shows it.
    private let password: String?
    /// How long opening a connection (TCP, TLS and PostgreSQL's startup
    /// exchange) may take before it fails as unreachable; the URL's
    /// `connect_timeout=<seconds>`, as libpq reads it.
    public var connectTimeout: Duration = .seconds(5)
    /// The longest one unit of work (a query, a batch's transaction) may wait
    /// for PostgreSQL before the connection is given up as broken.
    public var workTimeout: Duration = .seconds(300)

    /// Parses `url` (`postgres://` or `postgresql://`) and reads the password file.
    public init(url: String, passwordFile: String? = nil, caFile: String? = nil) throws(FleetError) {
        let scheme = ["postgres://", "postgresql://"].first { url.hasPrefix($0) }
        guard let scheme else {
            throw FleetError(
                .configuration, "store URL must start with postgres://", fix: "postgres://user@host:5432/db")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard let at = rest.lastIndex(of: "@") else {
            throw FleetError(.configuration, "store URL names no user", fix: "postgres://user@host:5432/db")
        }
        let userPart = rest[..<at]
        guard !userPart.contains(":") else {
            throw FleetError(
                .configuration, "the store URL holds a password: it would show in logs and process lists",
                fix: "put the password in a file named by [store] password_file")
        }
        user = String(userPart)
        var hostPart = rest[rest.index(after: at)...]
        database = "frugal"
        if let slash = hostPart.firstIndex(of: "/") {
            let name = hostPart[hostPart.index(after: slash)...]
            if !name.isEmpty { database = String(name) }
            hostPart = hostPart[..<slash]
        }
        (host, port) = try Self.hostAndPort(hostPart)
        sslMode = .prefer
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["sslmode", "connect_timeout"].contains(parts[0]) else {
                throw FleetError(
                    .configuration, "unknown store URL parameter \(pair)",
                    fix: "only sslmode=… and connect_timeout=<seconds> are read")
            }
            if parts[0] == "connect_timeout" {
                guard let seconds = Int(parts[1]), (1...600).contains(seconds) else {
                    throw FleetError(.configuration, "connect_timeout \(parts[1]) is not 1 to 600 seconds")
                }
                connectTimeout = .seconds(seconds)
                continue
            }
            guard let mode = SSLMode(rawValue: parts[1]) else {
                let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw FleetError(.configuration, "sslmode \(parts[1]) is not one of \(modes)")
            }
            sslMode = mode
        }
        if (sslMode == .verifyCA || sslMode == .verifyFull) && caFile == nil {
            throw FleetError(.configuration, "sslmode=\(sslMode.rawValue) needs a CA", fix: "set [store] tls_ca_file")
        }
        self.caFile = caFile
        self.passwordFile = passwordFile
        password = try passwordFile.map { path throws(FleetError) in try Self.readPassword(path) }
    }

    private static func hostAndPort(_ text: Substring) throws(FleetError) -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), !text.hasSuffix("]") else {
            guard !text.isEmpty else { throw FleetError(.configuration, "store URL names no host") }
            return (String(text), 5432)
        }
        guard let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else {
            throw FleetError(.configuration, "store URL port \(text[text.index(after: colon)...]) is not a port")
        }
        return (String(text[..<colon]).trimmingBrackets, port)
    }

    /// The file's first line, without its newline.
    private static func readPassword(_ path: String) throws(FleetError) -> String {
        guard let file = fopen(path, "r") else {
            throw FleetError(
                .configuration, "cannot read the password file \(path): \(String(cString: strerror(errno)))",
                fix: "create it readable by the daemon's user only (chmod 0600)")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var c = fgetc(file)
        while c != EOF && c != 10 && c != 13 && bytes.count < 4_096 {
            bytes.append(UInt8(c))
            c = fgetc(file)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `user@host:port/database (sslmode)`: safe to log.
    public var description: String { "\(user)@\(host):\(port)/\(database) (sslmode=\(sslMode.rawValue))" }

    public var debugDescription: String { description }

    /// What `dump` and debuggers show: never the password.
    public var customMirror: Mirror { Mirror(self, children: ["target": description]) }

    var target: String { "\(user)@\(host):\(port)/\(database)" }

    /// The connection configuration postgres-nio takes.
    func connectionConfiguration() throws(FleetError) -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: try tls())
        configuration.options.connectTimeout = .nanoseconds(connectTimeout.nanoseconds)
        return configuration
    }

    private func tls() throws(FleetError) -> PostgresConnection.Configuration.TLS {
        guard sslMode != .disable else { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .verifyFull: tls.certificateVerification = .fullVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        default: tls.certificateVerification = caFile == nil ? .none : .noHostnameVerification
        }
        if let caFile { tls.trustRoots = .file(caFile) }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw FleetError(.configuration, "cannot set up TLS with CA file \(caFile ?? "none"): \(error)")
        }
        return sslMode == .prefer ? .prefer(context) : .require(context)
    }
}

extension String {
    fileprivate var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
