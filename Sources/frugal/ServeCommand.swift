import ArgumentParser
import Foundation
import FrugalRuntime
import FrugalServer
import Logging
import ServiceLifecycle

/// `frugal serve`: the developers' cost API and `/metrics` over a store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the cost API (/v1), /metrics and /openapi.json over a store until SIGTERM or SIGINT.",
        discussion: """
            Reads the store read-only, so it runs beside `frugal daemon` (which also serves the API \
            itself). Listens on [server] listen, 127.0.0.1:9464 by default; an address other than \
            loopback needs [server.tokens]. See Sources/FrugalServer/README.md for the API guide.

            Examples:
              frugal serve --store sqlite:/tmp/frugal-demo/frugal.db
              frugal serve --config /etc/frugal/frugal.toml --listen 0.0.0.0:9464
              frugal serve hash-token
            """,
        subcommands: [Run.self, HashToken.self], defaultSubcommand: Run.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Serve (the default).")

        @Option(help: ArgumentHelp("The TOML configuration file.", valueName: "file"))
        var config: String?

        @Option(help: ArgumentHelp("Override [store] url, e.g. sqlite:/var/lib/frugal/frugal.db.", valueName: "url"))
        var store: String?

        @Option(help: ArgumentHelp("Override [server] listen, e.g. 127.0.0.1:9464.", valueName: "host:port"))
        var listen: String?

        func validate() throws {
            if let store, !store.hasPrefix("sqlite:") {
                throw ValidationError("--store \(store): expected sqlite:PATH, e.g. sqlite:/var/lib/frugal/frugal.db")
            }
            if let listen, ServerSettings.split(listen) == nil {
                throw ValidationError("--listen \(listen): expected host:port, e.g. 127.0.0.1:9464")
            }
        }

        func run() async throws {
            var config = try ConfigFile.load(path: self.config, environment: ProcessInfo.processInfo.environment)
            if let store { config.store = "sqlite:" + absolute(String(store.dropFirst("sqlite:".count))) }
            if let listen { config.server.listen = listen }
            guard let path = config.sqlitePath else { throw ValidationError("only sqlite: stores are supported") }
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("no store at \(path): run frugal demo or frugal daemon first, or pass --store")
            }
            let logger = makeLogger(label: "frugal.serve", level: config.logLevel)
            let server: CostServer
            do {
                server = try CostServer(config: config, storePath: path, version: FrugalVersion.current, logger: logger)
            } catch let error as ServerSetupError {
                throw ValidationError(error.description)
            }
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [server], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
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
