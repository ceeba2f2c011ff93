import ArgumentParser
import Foundation
import FrugalFleet
import FrugalRuntime
import FrugalServer
import FrugalStore
import Logging
import ServiceLifecycle

/// `frugal serve`: the developers' cost API and `/metrics` over a store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the cost API (/v1), /metrics and /openapi.json over a store until SIGTERM or SIGINT.",
        discussion: """
            Reads the store read-only, so it runs beside `frugal daemon` (which also serves the API \
            itself). The fleet's PostgreSQL database (--store postgres://…) gives every host's \
            figures: per host with host=, and their total without; the password comes from \
            --password-file (or [store] password_file), never from the URL. Listens on [server] \
            listen, 127.0.0.1:9464 by default; an address other than loopback needs \
            [server.tokens]. See Sources/FrugalServer/README.md for the API guide.

            Examples:
              frugal serve --store sqlite:/tmp/frugal-demo/frugal.db
              frugal serve --store postgres://frugal@db.example.org/frugal?sslmode=verify-full \\
                --password-file /etc/frugal/postgres.password
              frugal serve --config /etc/frugal/frugal.toml --listen 0.0.0.0:9464
              frugal serve hash-token
            """,
        subcommands: [Run.self, HashToken.self], defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Serve (the default).")

        @Option(help: ArgumentHelp("The TOML configuration file.", valueName: "file"))
        var config: String?

        @Option(
            help: ArgumentHelp(
                "Override [store] url: sqlite:/var/lib/frugal/frugal.db or postgres://user@host/db.",
                valueName: "url"))
        var store: String?

        @Option(help: ArgumentHelp("File holding the PostgreSQL password (first line).", valueName: "file"))
        var passwordFile: String?

        @Option(help: ArgumentHelp("PEM CA certificate for sslmode=require/verify-ca/verify-full.", valueName: "file"))
        var tlsCAFile: String?

        @Option(help: ArgumentHelp("Override [server] listen, e.g. 127.0.0.1:9464.", valueName: "host:port"))
        var listen: String?

        func validate() throws {
            if let store, !store.hasPrefix("sqlite:"), !store.hasPrefix("postgres://"),
                !store.hasPrefix("postgresql://")
            {
                throw ValidationError(
                    "--store \(store): expected sqlite:PATH or postgres://user@host/db, e.g. sqlite:/var/lib/frugal/frugal.db"
                )
            }
            if let listen, ServerSettings.split(listen) == nil {
                throw ValidationError("--listen \(listen): expected host:port, e.g. 127.0.0.1:9464")
            }
        }

        func run() async throws {
            var config = try ConfigFile.load(path: self.config, environment: ProcessInfo.processInfo.environment)
            if let store {
                config.store =
                    store.hasPrefix("sqlite:") ? "sqlite:" + absolute(String(store.dropFirst("sqlite:".count))) : store
            }
            if let listen { config.server.listen = listen }
            let logger = makeLogger(label: "frugal.serve", level: config.logLevel)
            let server: CostServer
            do {
                server = try await makeServer(config, logger: logger)
            } catch let error as ServerSetupError {
                throw ValidationError(error.description)
            }
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }

        /// The server over the configured store: the fleet's PostgreSQL
        /// database (two connections: the API's reads, and `/readyz` with the
        /// cache's version) or a host's SQLite file.
        private func makeServer(_ config: FrugalConfig, logger: Logger) async throws -> CostServer {
            guard let url = config.fleetURL else {
                guard let path = config.sqlitePath else {
                    throw ValidationError("[store] url: expected sqlite:PATH or postgres://user@host/db")
                }
                guard FileManager.default.fileExists(atPath: path) else {
                    throw ValidationError(
                        "no store at \(path): run frugal demo or frugal daemon first, or pass --store")
                }
                return try CostServer(config: config, storePath: path, version: FrugalVersion.current, logger: logger)
            }
            try CostServer.check(config.server)
            let settings = try PostgresSettings(
                url: url, passwordFile: passwordFile ?? config.fleet.passwordFile,
                caFile: tlsCAFile ?? config.fleet.tlsCAFile)
            let reading = PostgresStore(settings: settings, logger: logger)
            let status = PostgresStore(settings: settings, logger: logger)
            // Fail at once on a wrong URL, password or an empty database, rather than serve 503s.
            let version = try await status.schemaVersion()
            guard version > 0 else {
                throw ValidationError(
                    "the fleet database \(settings) has no frugal schema: start frugal daemon with [store] url = \"\(url)\" first"
                )
            }
            return CostServer(
                config: config, reading: reading, status: status, version: FrugalVersion.current,
                logger: logger)
        }
    }

    struct HashToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-token",
            abstract: "Print a token's SHA-256 for [server.tokens]; with no TOKEN, make a new one.")

        @Argument(help: "The token to hash (omit it to generate a random one).")
        var token: String?

        @Option(help: ArgumentHelp("The role: admin, aggregate or tenant:<id>.", valueName: "role"))
        var role = "aggregate"

        func validate() throws {
            guard ServerRole(text: role) != nil else {
                throw ValidationError("--role \(role): expected admin, aggregate or tenant:<id>")
            }
        }

        func run() {
            let token = self.token ?? BearerToken.generate()
            if self.token == nil { print("token (give it to the client, it is not stored): \(token)") }
            print("[server.tokens]")
            print("name = \"\(role) \(BearerToken.configValue(token))\"")
        }
    }
}
