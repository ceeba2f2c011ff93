import Foundation
import FrugalCore
import FrugalFleet
import FrugalStore
import Logging
import Testing

/// Half an hour before a month boundary (2026-12-01T00:00Z), so data spans two partitions.
let simulationStart = FleetMonth(year: 2026, month: 12).start + .seconds(-1_800)

func makeHosts(_ count: Int, in directory: String) throws -> [HostSimulator] {
    try (0..<count).map { index in
        try HostSimulator(
            name: "host-\(["a", "b", "c", "d"][index])", directory: directory, layout: index, seed: UInt64(index + 7),
            start: simulationStart)
    }
}

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "frugal-fleet-" + UUID().uuidString.prefix(8)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func expectEqual(_ host: HostSimulator, _ store: PostgresStore, sourceLocation: SourceLocation = #_sourceLocation)
    async throws
{
    let comparison = try await FleetComparison.compare(host: host.name, localPath: host.path, store: store)
    #expect(comparison.isEqual, "\(host.name): \(comparison.differences)", sourceLocation: sourceLocation)
    #expect((comparison.rowCounts["requests"] ?? 0) > 0, sourceLocation: sourceLocation)
    #expect((comparison.rowCounts["usage_quarter"] ?? 0) > 0, sourceLocation: sourceLocation)
}

@Suite("Fleet shipping into PostgreSQL", .serialized, .timeLimit(.minutes(6)))
struct FleetShippingTests {
    @Test("three hosts shipped concurrently equal their own SQLite stores, and a resend doubles nothing")
    func threeHostsConcurrently() async throws {
        guard let (server, database) = try await SharedPostgres.database("three") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let hosts = try makeHosts(3, in: directory)
        let settings = try server.settings(database: database)
        let stores = hosts.map { _ in PostgresStore(settings: settings) }
        try await stores[0].migrate()
        for round in 0..<4 {
            for host in hosts { try host.advance(minutes: 12) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (host, store) in zip(hosts, stores) {
                    let shipper = FleetShipper(store: store, local: host.store, localPath: host.path, host: host.name)
                    group.addTask { _ = try await shipper.drain(final: round == 3) }
                }
                try await group.waitForAll()
            }
        }
        for (host, store) in zip(hosts, stores) { try await expectEqual(host, store) }
        // The fleet totals: one line per host, and the fleet's line sums them.
        let totals = try await stores[0].usageTotals(from: 0, to: Int64.max)
        let perHost = totals.filter { if case .host = $0.group { true } else { false } }
        #expect(perHost.count == 3)
        let fleet = try #require(totals.first { $0.group == .fleet })
        #expect(fleet.requests == perHost.reduce(0) { $0 + $1.requests })
        #expect(
            "\(fleet.requests)"
                == (try await server.psql("SELECT sum(requests) FROM usage_quarter", database: database)))

        // A daemon that lost its marks (or its acknowledgement) sends everything again.
        for (host, store) in zip(hosts, stores) {
            for key in [
                "fleet.samples_through_ns", "fleet.request_key", "fleet.quarantine_key",
                "fleet.window_computed_at_ns", "fleet.window_start_ns",
            ] {
                try host.store.setMetaValue(key, 0)
            }
            let shipper = FleetShipper(store: store, local: host.store, localPath: host.path, host: host.name)
            try await shipper.drain(final: true)
            try await expectEqual(host, store)
        }
        let requests = try await server.psql("SELECT count(*) FROM requests", database: database)
        let local = try hosts.reduce(0) { $0 + (try $1.store.requestCount(host: $1.name)) }
        #expect(Int(requests) == local)
        let partitions = try await server.psql(
            "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relname LIKE 'sample_blocks_y%'",
            database: database)
        #expect(partitions.contains("sample_blocks_y2026m11") && partitions.contains("sample_blocks_y2026m12"))
        for store in stores { await store.shutdown() }
    }

    @Test("retention drops whole monthly partitions, for every partitioned table")
    func retentionDropsPartitions() async throws {
        guard let (server, database) = try await SharedPostgres.database("retention") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let host = try makeHosts(1, in: directory)[0]
        try host.advance(minutes: 60)
        let store = PostgresStore(settings: try server.settings(database: database))
        try await store.migrate()
        let shipper = FleetShipper(store: store, local: host.store, localPath: host.path, host: host.name)
        try await shipper.drain(final: true)
        // The server's partition keys are the ones FleetSchema.partitioned lists.
        let keys = try await server.psql(
            """
            SELECT string_agg(c.relname || ' ' || a.attname, ',' ORDER BY c.relname) FROM pg_partitioned_table p
            JOIN pg_class c ON c.oid = p.partrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
            """, database: database)
        #expect(
            keys
                == FleetSchema.partitioned.sorted { $0.table < $1.table }.map { "\($0.table) \($0.column)" }
                .joined(separator: ","))
        let dropped = try await store.dropPartitions(before: FleetMonth(year: 2026, month: 12).start)
        #expect(dropped.contains("sample_blocks_y2026m11") && dropped.contains("request_energy_y2026m11"))
        #expect(!dropped.contains { $0.hasSuffix("y2026m12") })
        let december = FleetMonth(year: 2026, month: 12).start.nanosecondsSinceEpoch
        #expect(
            try await server.psql(
                "SELECT count(*) FROM sample_blocks WHERE minute_start_ns < \(december)", database: database) == "0")
        #expect(Int(try await server.psql("SELECT count(*) FROM sample_blocks", database: database))! > 0)
        // Rollups are kept forever, as in SQLite.
        #expect(
            Int(
                try await server.psql(
                    "SELECT count(*) FROM rollup_minute WHERE minute_start_ns < \(december)", database: database))!
                == 30 * 3)
        await store.shutdown()
    }
}
