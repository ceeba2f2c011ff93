import Foundation
import FrugalFleet
import Testing

/// The real `frugal serve --store postgres://…`: it starts on a migrated fleet
/// database, answers across hosts, never shows the password, and refuses an
/// empty database with the reason.
@Suite("frugal serve --store postgres://…", .serialized, .timeLimit(.minutes(3)))
struct FleetServeCommandTests {
    @Test("serves every host from PostgreSQL; an empty database is refused at start")
    func servesTheFleet() async throws {
        guard let frugal = FleetDaemonTests.frugal, FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            #expect(!TestPostgres.required, "FRUGAL_REQUIRE_TOOLS=1: the frugal binary and curl are required")
            return
        }
        guard let (server, database) = try await SharedPostgres.database("cli") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let settings = try server.settings(database: database)
        _ = try await FleetServeTests.shippedHosts(settings, in: directory)
        let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FRUGAL_") }
        let url = "postgres://frugal@127.0.0.1:\(server.port)/\(database)?sslmode=disable"
        let log = directory + "/serve.log"
        let pid = try #require(
            TestPostgres.launch(
                [frugal, "serve", "--store", url, "--password-file", server.passwordFile, "--listen", "127.0.0.1:0"],
                environment: environment, outputPath: log))
        var stopped = false
        defer { if !stopped { kill(pid, SIGKILL) } }
        let logText = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        var address: String?
        for _ in 0..<300 where address == nil {
            if let line = logText().split(separator: "\n").first(where: { $0.contains("cost API listening") }),
                let range = line.range(of: "server.address=")
            {
                address = String(line[range.upperBound...].prefix { !$0.isWhitespace })
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let base = "http://" + (try #require(address, "\(logText())"))
        let ready = await TestPostgres.spawn(["/usr/bin/curl", "-sS", base + "/readyz"]).1
        #expect(ready.contains("\"ready\""), "\(ready)")
        let hosts = await TestPostgres.spawn(["/usr/bin/curl", "-sS", base + "/v1/hosts?\(FleetServeTests.window)"]).1
        for name in ["host-a", "host-b", "host-c"] { #expect(hosts.contains("\"name\":\"\(name)\""), "\(hosts)") }
        kill(pid, SIGTERM)
        let status = (try? await TestPostgres.offPool { TestPostgres.wait(pid) }) ?? -1
        stopped = true
        #expect(status == 0, "\(logText())")
        #expect(!logText().contains(try String(contentsOfFile: server.passwordFile, encoding: .utf8)))

        // A database frugal never migrated: refused at start, saying what to run.
        let empty = try await SharedPostgres.database("empty").map(\.1) ?? database
        let refused = await TestPostgres.spawn(
            [
                frugal, "serve", "--store", "postgres://frugal@127.0.0.1:\(server.port)/\(empty)?sslmode=disable",
                "--password-file", server.passwordFile, "--listen", "127.0.0.1:0",
            ], environment: environment)
        #expect(refused.0 != 0 && refused.1.contains("has no frugal schema"), "\(refused.1)")
    }
}
