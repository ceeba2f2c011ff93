import Foundation
import FrugalCore
import FrugalFleet
import FrugalStore
import Logging
import Synchronization
import Testing

/// Keeps every log line (message and metadata) for the tests to search.
final class CapturedLogs: @unchecked Sendable {
    let lines = Mutex<[String]>([])

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    func logger() -> Logger {
        var logger = Logger(label: "test.fleet") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            sink.lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(metadata)") }
        }
    }
}

@Suite("Fleet errors: clear, and local buffering goes on", .serialized, .timeLimit(.minutes(6)))
struct FleetErrorTests {
    @Test("a wrong password is an authentication error that never shows either password")
    func badCredentials() async throws {
        guard let (server, database) = try await SharedPostgres.database("badpw") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let wrong = "not-the-Secret-\(UUID().uuidString)"
        try wrong.write(toFile: directory + "/wrong", atomically: true, encoding: .utf8)
        let right = try String(contentsOfFile: server.passwordFile, encoding: .utf8)
        let logs = CapturedLogs()
        let settings = try server.settings(database: database, passwordFile: directory + "/wrong")
        let store = PostgresStore(settings: settings, logger: logs.logger())
        let host = try makeHosts(1, in: directory)[0]
        try host.advance(minutes: 16)
        let shipper = FleetShipper(
            store: store, local: host.store, localPath: host.path, host: host.name, logger: logs.logger())
        let error = await #expect(throws: FleetError.self) { try await shipper.drain(final: false) }
        #expect(error?.kind == .authentication)
        let message = "\(String(describing: error)) \(String(reflecting: error)) \(settings)"
        #expect(message.contains("frugal@127.0.0.1:\(server.port)/\(database)"))
        for secret in [wrong, right] {
            #expect(!message.contains(secret))
            #expect(!logs.text.contains(secret))
        }
        #expect(logs.text.contains("shipping paused"))
        // Buffering locally goes on; nothing was marked shipped.
        try host.advance(minutes: 5)
        #expect(try host.store.metaValue("fleet.request_key") == nil)
        #expect(try host.store.requestCount(host: host.name) > 0)
    }

    @Test("a database migrated by a newer frugal is refused, naming both versions")
    func schemaTooNew() async throws {
        guard let (server, database) = try await SharedPostgres.database("newer") else { return }
        let store = PostgresStore(settings: try server.settings(database: database))
        #expect(try await store.migrate() == FleetSchema.latestVersion)
        #expect(try await store.migrate() == FleetSchema.latestVersion)
        try await server.psql(
            "INSERT INTO schema_migrations (version, summary) VALUES (99, 'from the future')", database: database)
        let error = await #expect(throws: FleetError.self) { try await store.migrate() }
        #expect(error?.kind == .schemaTooNew)
        #expect(
            error?.description.contains("schema version 99, newer than this frugal (\(FleetSchema.latestVersion))")
                == true)
        await store.shutdown()
    }

    @Test("the server's disk full: a disk-full error, the host keeps buffering, and it all ships once there is room")
    func diskFull() async throws {
        guard getuid() == 0, let (server, database) = try await SharedPostgres.database("full") else { return }
        let mount = server.directory + "-tiny"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        // A tiny tmpfs as the table's tablespace: the server's disk, really full. No mount rights: skip.
        guard await shell("mount -t tmpfs -o size=192k,mode=0777 tmpfs \(mount)") == 0 else { return }
        defer {
            _ = TestPostgres.spawnNow(["/bin/sh", "-c", "umount \(mount)"])
            try? FileManager.default.removeItem(atPath: mount)
        }
        _ = await shell("mkdir \(mount)/ts && chown $(stat -c %U \(server.directory)/data) \(mount)/ts")
        let store = PostgresStore(settings: try server.settings(database: database))
        try await store.migrate()
        try await server.psql("CREATE TABLESPACE tiny LOCATION '\(mount)/ts'", database: database)
        try await server.psql("ALTER TABLE requests SET TABLESPACE tiny", database: database)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let host = try makeHosts(1, in: directory)[0]
        try host.advance(minutes: 60)
        let shipper = FleetShipper(store: store, local: host.store, localPath: host.path, host: host.name)
        let error = await #expect(throws: FleetError.self) { try await shipper.drain(final: true) }
        #expect(error?.kind == .diskFull)
        #expect(error?.description.contains("out of disk") == true)
        try host.advance(minutes: 5)
        #expect(await shell("mount -o remount,size=64m \(mount)") == 0)
        try await shipper.drain(final: true)
        try await expectEqual(host, store)
        try await server.psql("ALTER TABLE requests SET TABLESPACE pg_default", database: database)
        try await server.psql("DROP TABLESPACE tiny", database: database)
        await store.shutdown()
    }

    private func shell(_ command: String) async -> Int32 {
        await TestPostgres.spawn(["/bin/sh", "-c", command]).0
    }
}

@Suite("Fleet connection: no unit of work outlives its connection", .timeLimit(.minutes(6)))
struct FleetConnectionTests {
    @Test("a query with no answer within workTimeout fails as unreachable, and the next one reconnects")
    func workTimeout() async throws {
        guard let (server, database) = try await SharedPostgres.database("timeout") else { return }
        var settings = try server.settings(database: database)
        settings.workTimeout = .seconds(1)
        let store = PostgresStore(settings: settings)
        let started = ContinuousClock.now
        let error = await #expect(throws: FleetError.self) { try await store.execute("SELECT pg_sleep(120)") }
        #expect(error?.kind == .unreachable)
        #expect(error?.description.contains("no answer from PostgreSQL") == true)
        // Far from the query's 120 s, with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(try await store.schemaVersion() == 0)
        await store.shutdown()
    }

    @Test("the server stopped in the middle of a query: an unreachable error at once, then work again once it is back")
    func serverStoppedMidQuery() async throws {
        guard let server = try await TestPostgres.start() else { return }
        defer { server.stopServerNow() }
        let store = PostgresStore(settings: try server.settings(database: "frugal"))
        try await store.migrate()
        let started = ContinuousClock.now
        let sleeping = Task { try await store.execute("SELECT pg_sleep(120)") }
        try await Task.sleep(for: .milliseconds(500))
        try await server.stopServer()
        let error = await #expect(throws: FleetError.self) { try await sleeping.value }
        #expect(error?.kind == .unreachable)
        #expect(ContinuousClock.now - started < .seconds(60))
        try await server.startServer()
        #expect(try await store.schemaVersion() == FleetSchema.latestVersion)
        await store.shutdown()
    }
}
