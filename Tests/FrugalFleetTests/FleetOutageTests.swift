import Foundation
import FrugalCore
import FrugalFleet
import FrugalStore
import Logging
import ServiceLifecycle
import Testing

@Suite("Fleet shipping through a PostgreSQL outage", .timeLimit(.minutes(6)))
struct FleetOutageTests {
    /// Seconds PostgreSQL stays down (a minute by default; shorter for a quick local run).
    static var outageSeconds: Int {
        Int(ProcessInfo.processInfo.environment["FRUGAL_FLEET_OUTAGE_SECONDS"] ?? "") ?? 60
    }

    @Test("PostgreSQL stopped a minute mid-run: the hosts buffer locally, then nothing is lost and nothing doubled")
    func outage() async throws {
        guard let server = try await TestPostgres.start() else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hosts = try makeHosts(3, in: directory)
        let settings = try server.settings(database: "frugal")
        var options = FleetShipper.Options()
        options.interval = .milliseconds(300)
        options.initialBackoff = .milliseconds(200)
        options.maxBackoff = .seconds(2)
        let shippers = hosts.map { host in
            FleetShipper(
                store: PostgresStore(settings: settings), local: host.store, localPath: host.path, host: host.name,
                options: options)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: shippers.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                logger: Logger(label: "test.fleet")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await produce(hosts, rounds: 5)
            try await waitUntil { shippers.allSatisfy { $0.status.drains > 0 } }

            try await server.stopServer()
            let outageStart = ContinuousClock.now
            let before = try hosts.map { try $0.store.requestCount(host: $0.name) }
            while ContinuousClock.now - outageStart < .seconds(Self.outageSeconds) {
                try await produce(hosts, rounds: 1)
                try await Task.sleep(for: .seconds(2))
            }
            // The daemons kept writing locally while shipping failed.
            let during = try hosts.map { try $0.store.requestCount(host: $0.name) }
            #expect(zip(before, during).allSatisfy { $0 < $1 })
            #expect(shippers.allSatisfy { $0.status.lastError?.kind == .unreachable })

            try await server.startServer()
            try await produce(hosts, rounds: 5)
            try await waitUntil { shippers.allSatisfy { $0.status.lastError == nil } }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let store = PostgresStore(settings: settings)
        for host in hosts { try await expectEqual(host, store) }
        await store.shutdown()
        try await server.stopServer()
    }

    private func produce(_ hosts: [HostSimulator], rounds: Int) async throws {
        for _ in 0..<rounds {
            for host in hosts { try host.advance(minutes: 3) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let start = ContinuousClock.now
        while !condition() {
            guard ContinuousClock.now - start < .seconds(60) else {
                Issue.record("condition not met within 60 s")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
