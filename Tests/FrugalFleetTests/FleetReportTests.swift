import Foundation
import FrugalCore
import FrugalFleet
import FrugalReport
import FrugalStore
import Testing

/// The monthly report read from the fleet's PostgreSQL: three simulated
/// hosts shipped by their `FleetShipper`s, then each host's report from
/// PostgreSQL beside the same report from the host's own SQLite file.
@Suite("frugal report over the fleet's PostgreSQL", .serialized, .timeLimit(.minutes(6)))
struct FleetReportTests {
    /// December 2026 in Paris: the simulation starts 30 Nov 23:30 UTC (00:30 Paris).
    static let month = ReportMonth(year: 2026, month: 12)
    static let now = FleetMonth(year: 2027, month: 1).start

    /// The stored intensities: three of the four quarters have one (with
    /// fractions, so the CO2e sums are not round), one falls back.
    static let intensities = [(0, 31.7), (1, 42.25), (3, 18.9)].map { quarter, grams in
        GridIntensityRow(
            zone: "FR", quarterStart: simulationStart + .seconds(900 * quarter), gramsPerKilowattHour: grams,
            source: .consolidated, fetchedAt: simulationStart)
    }

    static func figures(_ store: any ReportReading, host: String?) async throws -> ReportFigures {
        try await ReportBuilder(
            store: store, carbon: CarbonReportInputs(zone: "FR", staticGramsPerKilowattHour: 56),
            equivalences: try EquivalenceTable.bundled(), options: .init(host: host, now: now)
        ).build(month: month)
    }

    /// Three hosts with an hour of data each, shipped into `database`.
    static func shippedHosts(_ server: TestPostgres, _ database: String, in directory: String) async throws
        -> ([HostSimulator], PostgresStore)
    {
        let hosts = try makeHosts(3, in: directory)
        for host in hosts {
            _ = try host.store.upsertGridIntensity(intensities)
            try host.advance(minutes: 60)
        }
        let store = PostgresStore(settings: try server.settings(database: database))
        try await store.migrate()
        for host in hosts {
            try await FleetShipper(store: store, local: host.store, localPath: host.path, host: host.name)
                .drain(final: true)
        }
        return (hosts, store)
    }

    @Test("each host's report from PostgreSQL is its file's, byte for byte; the fleet report sums the hosts'")
    func hostsAndFleet() async throws {
        guard let (server, database) = try await SharedPostgres.database("report") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (hosts, store) = try await Self.shippedHosts(server, database, in: directory)
        var perHost: [ReportFigures] = []
        for host in hosts {
            let local = try await Self.figures(host.store, host: host.name)
            let fleet = try await Self.figures(store, host: host.name)
            #expect(local.hasData && local.headline.co2eDirectGrams > 0)
            #expect(local.coverage.fallbackIntensityShare ?? 0 > 0, "one quarter has no stored intensity")
            #expect(
                String(decoding: try ReportJSON.encode(fleet), as: UTF8.self)
                    == String(decoding: try ReportJSON.encode(local), as: UTF8.self), "\(host.name)")
            perHost.append(fleet)
        }

        let fleet = try await Self.figures(store, host: nil)
        #expect(fleet.headline.energy == perHost.reduce(.zero) { $0 + $1.headline.energy })
        #expect(fleet.headline.attributedEnergy == perHost.reduce(.zero) { $0 + $1.headline.attributedEnergy })
        #expect(fleet.headline.requests == perHost.reduce(0) { $0 + $1.headline.requests })
        #expect(fleet.headline.promptTokens == perHost.reduce(0) { $0 + $1.headline.promptTokens })
        let grams = perHost.reduce(0.0) { $0 + $1.headline.co2eDirectGrams }
        #expect(abs(fleet.headline.co2eDirectGrams - grams) <= 1e-9 * grams)
        #expect(fleet.coverage.gapCount == perHost.reduce(0) { $0 + $1.coverage.gapCount })
        // One line per host: its attributed energy and requests, as its own report has them.
        #expect(fleet.hosts.map(\.name).sorted() == hosts.map(\.name))
        for (host, own) in zip(hosts, perHost) {
            let line = try #require(fleet.hosts.first { $0.name == host.name })
            #expect(line.energy == own.headline.attributedEnergy)
            #expect(line.requests == own.headline.requests)
            #expect(own.hosts.map(\.name) == [host.name])
        }
        #expect(fleet.coverage.hosts.map(\.host) == hosts.map(\.name))

        let html = try ReportTemplates.embedded().html(fleet)
        #expect(html.contains("Par serveur"))
        for host in hosts { #expect(html.contains(host.name)) }
        await store.shutdown()
    }

    @Test("frugal report --store postgres://… --host writes the host's own JSON report; bad credentials are refused")
    func command() async throws {
        guard let frugal = FleetDaemonTests.frugal else {
            #expect(!TestPostgres.required, "FRUGAL_REQUIRE_TOOLS=1: the frugal binary is required")
            return
        }
        guard let (server, database) = try await SharedPostgres.database("report_cli") else { return }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (hosts, store) = try await Self.shippedHosts(server, database, in: directory)
        await store.shutdown()
        let url = "postgres://frugal@127.0.0.1:\(server.port)/\(database)?sslmode=disable"
        let host = hosts[1]
        let common = [frugal, "report", "--month", "2026-12", "--format", "json", "--host", host.name]
        let (fleetStatus, fleetLog) = try await run(
            common + ["--store", url, "--password-file", server.passwordFile, "--output", directory + "/pg.json"])
        #expect(fleetStatus == 0, "\(fleetLog)")
        let (localStatus, localLog) = try await run(
            common + ["--store", "sqlite:" + host.path, "--output", directory + "/l.json"])
        #expect(localStatus == 0, "\(localLog)")
        // Each run stamps its own generation time; everything else is the same.
        func report(_ name: String) throws -> NSDictionary {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return object.filter { $0.key != "generatedAt" } as NSDictionary
        }
        let fromPostgres = try report("pg.json")
        #expect(fromPostgres == (try report("l.json")))
        #expect(fromPostgres["host"] as? String == host.name)

        let wrong = directory + "/wrong-password"
        try "not-the-password\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        let (status, log) = try await run(common + ["--store", url, "--password-file", wrong])
        #expect(status != 0)
        #expect(log.contains("authentication") && !log.contains("not-the-password"), "\(log)")
    }

    /// Runs the command with only the environment it needs (an unknown
    /// FRUGAL_ variable would be refused): its status and its output.
    /// Off the cooperative pool: it waits for the child.
    private func run(_ arguments: [String]) async throws -> (Int32, String) {
        try await TestPostgres.offPool {
            let environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FRUGAL_") }
            let output = NSTemporaryDirectory() + "frugal-report-" + UUID().uuidString
            defer { unlink(output) }
            guard let pid = TestPostgres.launch(arguments, environment: environment, outputPath: output) else {
                return (-1, "cannot spawn")
            }
            let status = TestPostgres.wait(pid)
            return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
        }
    }
}
