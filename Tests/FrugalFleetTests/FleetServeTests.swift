import Foundation
import FrugalCore
import FrugalFleet
import FrugalRuntime
import FrugalServer
import FrugalStore
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `frugal serve` over the fleet's PostgreSQL: three simulated hosts (their
/// own layouts, seeds, requests and attribution) advanced and shipped
/// concurrently by their own `FleetShipper`s into one database; each host's
/// API answers from PostgreSQL (`host=`) against the same answers from the
/// host's own SQLite file.
@Suite("frugal serve over the fleet's PostgreSQL", .serialized, .timeLimit(.minutes(6)))
struct FleetServeTests {
    static let window = "from=2026-11-30T23:00:00Z&to=2026-12-01T02:00:00Z"
    static let now = simulationStart + .seconds(3 * 3_600)

    static func server(_ reading: any CostReading, status: any CostReading) -> CostServer {
        CostServer(
            config: FrugalConfig(), reading: reading, status: status, version: "test",
            logger: Logger(label: "test"), cacheResponses: false, now: { now })
    }

    /// The raw bodies of `uris`, in order, from `server` in process.
    static func bodies(_ server: CostServer, _ uris: [String]) async throws -> [String] {
        let collected = Bodies()
        try await server.application().test(.router) { client in
            for uri in uris {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                    collected.append(String(buffer: response.body))
                }
            }
        }
        return collected.values
    }

    /// Three hosts with an hour of data each, advanced and shipped at the same time.
    static func shippedHosts(_ settings: PostgresSettings, in directory: String) async throws -> [HostSimulator] {
        let hosts = try makeHosts(3, in: directory)
        let stores = hosts.map { _ in PostgresStore(settings: settings) }
        try await stores[0].migrate()
        for host in hosts { _ = try host.store.upsertGridIntensity(FleetReportTests.intensities) }
        for round in 0..<3 {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (host, store) in zip(hosts, stores) {
                    let shipper = FleetShipper(store: store, local: host.store, localPath: host.path, host: host.name)
                    group.addTask {
                        try await TestPostgres.offPool { try host.advance(minutes: 20) }
                        _ = try await shipper.drain(final: round == 2)
                    }
                }
                try await group.waitForAll()
            }
        }
        for store in stores { await store.shutdown() }
        return hosts
    }

    /// The host's routes: models, one model, tenants, two pages of requests, one request, an estimate.
    static func uris(_ host: String, page: String?, firstID: String?) -> [String] {
        var uris = [
            "/v1/models?\(window)&host=\(host)", "/v1/models/mistral-small?\(window)&host=\(host)",
            "/v1/tenants?\(window)&host=\(host)", "/v1/tenants?\(window)&host=\(host)&model=llama-3.1-8b",
            "/v1/requests?\(window)&host=\(host)&limit=40", "/v1/grid/intensity?\(window)",
            "/v1/estimate?model=qwen-2.5-32b&prompt_tokens=800&completion_tokens=300&host=\(host)",
        ]
        if let page { uris.append("/v1/requests?\(window)&host=\(host)&limit=40&cursor=\(page)") }
        if let firstID { uris.append("/v1/requests/\(firstID)?host=\(host)") }
        return uris
    }

    @Test("each host's API answers from PostgreSQL are its own file's, byte for byte; the fleet's sum the hosts'")
    func hostsAndFleet() async throws {
        guard let (postgres, database) = try await SharedPostgres.database("serve") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let settings = try postgres.settings(database: database)
        let hosts = try await Self.shippedHosts(settings, in: directory)
        let (reading, status) = (PostgresStore(settings: settings), PostgresStore(settings: settings))
        let fleet = Self.server(reading, status: status)
        var perHost: [String: [String: Any]] = [:]
        for host in hosts {
            let local = Self.server(host.store, status: host.store)
            let first = try await Self.bodies(local, ["/v1/requests?\(Self.window)&host=\(host.name)&limit=40"])[0]
            let page = try #require(JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
            let firstID = ((page["requests"] as? [[String: Any]])?.first?["id"]) as? String
            let uris = Self.uris(host.name, page: page["next_cursor"] as? String, firstID: firstID)
            #expect(page["next_cursor"] is String && firstID != nil, "the hour holds more than one page")
            let expected = try await Self.bodies(local, uris)
            let answered = try await Self.bodies(fleet, uris)
            for (uri, (file, fleetBody)) in zip(uris, zip(expected, answered)) {
                #expect(fleetBody == file, "\(uri)")
            }
            #expect(expected[0].contains("\"requests\""))
            // `/v1/hosts`: the file knows its host, the fleet every host; the host's entry is the same.
            let hostsURI = "/v1/hosts?\(Self.window)"
            let own = try Self.hostEntry(try await Self.bodies(local, [hostsURI])[0], host.name)
            let fromFleet = try Self.hostEntry(try await Self.bodies(fleet, [hostsURI])[0], host.name)
            #expect(own == fromFleet, "\(host.name) in /v1/hosts")
            perHost[host.name] = try #require(
                JSONSerialization.jsonObject(with: Data(expected[0].utf8)) as? [String: Any])
        }
        try await Self.expectFleetTotals(fleet, perHost)
        try await Self.expectHostSeries(hosts, fleet: status)
        await reading.shutdown()
        await status.shutdown()
    }

    /// The host's object in a `/v1/hosts` body, keys sorted.
    static func hostEntry(_ body: String, _ host: String) throws -> String {
        let object = try #require(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let entry = try #require((object["hosts"] as? [[String: Any]])?.first { $0["name"] as? String == host })
        return String(
            decoding: try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Without `host=`, every model's requests, tokens and joules are the sum of the hosts'.
    static func expectFleetTotals(_ fleet: CostServer, _ perHost: [String: [String: Any]]) async throws {
        let body = try await bodies(fleet, ["/v1/models?\(window)", "/v1/hosts?\(window)"])
        let models = try #require(JSONSerialization.jsonObject(with: Data(body[0].utf8)) as? [String: Any])
        let hosts = try #require(JSONSerialization.jsonObject(with: Data(body[1].utf8)) as? [String: Any])
        #expect((hosts["hosts"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == perHost.keys.sorted())
        var summed: [String: (requests: Int, tokens: Int, joules: Double)] = [:]
        for answer in perHost.values {
            for model in answer["models"] as? [[String: Any]] ?? [] {
                let name = model["model"] as? String ?? ""
                var sum = summed[name] ?? (0, 0, 0)
                sum.requests += model["requests"] as? Int ?? 0
                sum.tokens += (model["prompt_tokens"] as? Int ?? 0) + (model["completion_tokens"] as? Int ?? 0)
                sum.joules += Self.fullJoules(model)
                summed[name] = sum
            }
        }
        let fleetModels = models["models"] as? [[String: Any]] ?? []
        #expect(fleetModels.count == summed.count && !summed.isEmpty)
        for model in fleetModels {
            let expected = try #require(summed[model["model"] as? String ?? ""])
            #expect(model["requests"] as? Int == expected.requests)
            #expect(
                (model["prompt_tokens"] as? Int ?? 0) + (model["completion_tokens"] as? Int ?? 0) == expected.tokens)
            #expect(abs(Self.fullJoules(model) - expected.joules) <= 1e-6 * expected.joules)
        }
    }

    /// `/metrics` over PostgreSQL: every series of a host (`host="…"`) has
    /// the value the host's own file gives (to 1e-9: counters add their rows
    /// in the order each engine returns them).
    static func expectHostSeries(_ hosts: [HostSimulator], fleet: PostgresStore) async throws {
        let fleetSeries = try await series(fleet)
        for host in hosts {
            let own = try await series(host.store).filter { $0.key.contains("host=\"\(host.name)\"") }
            #expect(own.count > 10, "\(host.name) has series")
            for (name, value) in own {
                let other = try #require(fleetSeries[name], "\(name) missing from the fleet's /metrics")
                #expect(abs(other - value) <= 1e-9 * max(abs(value), 1), "\(name): \(other) vs \(value)")
            }
        }
    }

    /// A scrape after one refresh, as series → value.
    static func series(_ store: any CostReading) async throws -> [String: Double] {
        let metrics = CostMetrics(
            store: store,
            pricing: CarbonPricing(store: nil, zone: "FR", staticGramsPerKilowattHour: 56, reading: store),
            tenantSeries: false, version: "test")
        try await metrics.refresh(now: now)
        var series: [String: Double] = [:]
        for line in String(decoding: metrics.scrape(), as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#")
        {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            series[String(line[..<space])] = value
        }
        return series
    }

    static func fullJoules(_ model: [String: Any]) -> Double {
        (((model["total"] as? [String: Any])?["energy"] as? [String: Any])?["full_joules"] as? Double) ?? 0
    }
}

/// Bodies collected inside the test client's closure.
final class Bodies: @unchecked Sendable {
    // @unchecked: appended to by one test client, read after it returns.
    private(set) var values: [String] = []
    func append(_ value: String) { values.append(value) }
}
