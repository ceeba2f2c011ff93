import Foundation
import FrugalCore
import FrugalFleet
import FrugalReport
import FrugalStore
import Testing

/// The fleet benchmark (Benchmarks/fleet/run.sh), run only with
/// `FRUGAL_FLEET_BENCH=1` and a server given by `FRUGAL_FLEET_BENCH_PORT` /
/// `FRUGAL_FLEET_BENCH_DIR` (the script starts it and measures its CPU).
@Suite("Fleet benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["FRUGAL_FLEET_BENCH"] == "1"))
struct FleetBenchmarkTests {
    static let environment = ProcessInfo.processInfo.environment
    static var hosts: Int { Int(environment["FRUGAL_FLEET_BENCH_HOSTS"] ?? "") ?? 50 }
    static var seconds: Int { Int(environment["FRUGAL_FLEET_BENCH_SECONDS"] ?? "") ?? 600 }
    static let requestsPerSecond = 50
    static let domains = 8

    func settings() throws -> PostgresSettings {
        let port = Self.environment["FRUGAL_FLEET_BENCH_PORT"] ?? "55440"
        let directory = Self.environment["FRUGAL_FLEET_BENCH_DIR"] ?? "/tmp/frugal-fleet-bench/pg"
        return try PostgresSettings(
            url: "postgres://frugal@127.0.0.1:\(port)/frugal?sslmode=disable", passwordFile: directory + "/password")
    }

    @Test("sustained ingest: hosts × 8 domains at 1 Hz + 50 requests/s each, shipped concurrently")
    func ingest() async throws {
        let directory = Self.environment["FRUGAL_FLEET_BENCH_WORK"] ?? "/tmp/frugal-fleet-bench/hosts"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let start = FleetMonth(year: 2026, month: 11).start + .seconds(86_400 * 10)
        let clock = ContinuousClock()
        let prepared = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<2 {
                group.addTask {
                    for host in stride(from: worker, to: Self.hosts, by: 2) {
                        try BenchHost.write(
                            name: String(format: "bench-%02d", host), path: "\(directory)/bench-\(host).db",
                            start: start,
                            seconds: Self.seconds, domains: Self.domains, requestsPerSecond: Self.requestsPerSecond,
                            seed: UInt64(host))
                    }
                }
            }
            try await group.waitForAll()
        }
        print("FLEET-BENCH prepared \(Self.hosts) hosts × \(Self.seconds) s in \(clock.now - prepared)")
        let store = PostgresStore(settings: try settings())
        try await store.migrate()
        let pg = ProcessCPU.postgres(directory: Self.environment["FRUGAL_FLEET_BENCH_DIR"] ?? "")
        let client = ProcessCPU.own()
        let shipping = clock.now
        var options = FleetShipper.Options()
        options.requestsPerBatch = 3_000
        try await withThrowingTaskGroup(of: ShipReport.self) { group in
            for host in 0..<Self.hosts {
                let path = "\(directory)/bench-\(host).db"
                let local = try SQLiteStore(path: path)
                let shipper = FleetShipper(
                    store: PostgresStore(settings: try settings()), local: local, localPath: path,
                    host: String(format: "bench-%02d", host), options: options)
                group.addTask { try await shipper.drain(final: true) }
            }
            var total = ShipReport()
            for try await report in group { total = total + report }
            let elapsed = clock.now - shipping
            print(
                "FLEET-BENCH ship-end \(elapsed) for \(Self.hosts) hosts × \(Self.seconds) s: \(total.blocks) blocks, "
                    + "\(total.requests) requests, \(total.windows) windows")
            let pgCPU = ProcessCPU.postgres(directory: Self.environment["FRUGAL_FLEET_BENCH_DIR"] ?? "") - pg
            let clientCPU = ProcessCPU.own() - client
            let span = Double(Self.seconds)
            print(
                "FLEET-BENCH cpu postgres \(pgCPU) s, shippers (debug build) \(clientCPU) s for \(Self.seconds) s of fleet "
                    + "time: at real time postgres needs \(pgCPU / span) cores, shippers \(clientCPU / span), of 2")
        }
    }

    @Test("a fleet month report (per host, per model, per tenant from usage_quarter) within 15 s")
    func monthReport() async throws {
        let store = PostgresStore(settings: try settings())
        try await store.migrate()
        let month = FleetMonth(year: 2026, month: 10)
        try await store.ensurePartitions([month])
        let from = month.start.nanosecondsSinceEpoch
        let to = month.next.start.nanosecondsSinceEpoch
        let clock = ContinuousClock()
        let filled = clock.now
        try await Self.fillUsage(store, from: from, to: to)
        print("FLEET-BENCH month rows filled in \(clock.now - filled)")
        let started = clock.now
        let groups = try await store.usageTotals(from: from, to: to).count
        let elapsed = clock.now - started
        print("FLEET-BENCH month-report \(elapsed) → \(groups) groups")
        #expect(elapsed < .seconds(15))
        #expect(groups == 1 + Self.hosts + 4 + 5)
    }

    /// A month of `usage_quarter` for every host (registered in `hosts`): 4 models × 5 tenants in every
    /// quarter, ~3 M rows at 50 hosts.
    static func fillUsage(_ store: PostgresStore, from: Int64, to: Int64) async throws {
        try await store.execute(
            """
            INSERT INTO usage_quarter
            SELECT 'bench-' || lpad(h::text, 2, '0'), q, 'model-' || m, 'commune:' || t, 3, 1500, 900,
                   (h * 7 + m * 13 + t * 17 + q / 900000000000 % 97) * 1000000, 2000000, '\\x01'::bytea
            FROM generate_series(0, \(Self.hosts - 1)) h, generate_series(\(from), \(to - 1), 900000000000) q,
                 generate_series(1, 4) m, generate_series(1, 5) t
            ON CONFLICT DO NOTHING
            """)
        try await store.execute(
            """
            INSERT INTO hosts SELECT 'bench-' || lpad(h::text, 2, '0'), \(from), \(to - 1)
            FROM generate_series(0, \(Self.hosts - 1)) h ON CONFLICT DO NOTHING
            """)
        try await store.execute("ANALYZE usage_quarter")
    }

    @Test("frugal report's fleet month from PostgreSQL (every host's lines and the fleet total) within 15 s")
    func fleetReport() async throws {
        let store = PostgresStore(settings: try settings())
        try await store.migrate()
        let month = FleetMonth(year: 2026, month: 10)
        try await store.ensurePartitions([month])
        try await Self.fillUsage(
            store, from: month.start.nanosecondsSinceEpoch, to: month.next.start.nanosecondsSinceEpoch)
        let clock = ContinuousClock()
        let started = clock.now
        let figures = try await ReportBuilder(
            store: store, carbon: CarbonReportInputs(zone: "FR", staticGramsPerKilowattHour: 56),
            equivalences: try EquivalenceTable.bundled(),
            options: .init(host: nil, now: Timestamp(secondsSinceEpoch: 1_795_000_000))
        ).build(month: ReportMonth(year: 2026, month: 10))
        let built = clock.now - started
        let html = try ReportTemplates.embedded().html(figures)
        let elapsed = clock.now - started
        print(
            "FLEET-BENCH fleet-report \(elapsed) (figures \(built)) → \(figures.hosts.count) hosts, "
                + "\(figures.headline.requests) requests, \(html.utf8.count) bytes of HTML")
        #expect(figures.hosts.count == Self.hosts)
        #expect(elapsed < .seconds(15))
        await store.shutdown()
    }
}

/// CPU seconds (user + system) from /proc.
enum ProcessCPU {
    static let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// This process.
    static func own() -> Double { stat("/proc/self/stat", includeChildren: false) }

    /// The postmaster, its exited children (waited for) and its live ones.
    static func postgres(directory: String) -> Double {
        guard let text = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
            let pid = text.split(separator: "\n").first.map(String.init)
        else { return .nan }
        var total = stat("/proc/\(pid)/stat", includeChildren: true)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries where Int(entry) != nil {
            let fields = fieldsAfterName("/proc/\(entry)/stat")
            if fields.count > 13, fields[1] == pid { total += stat("/proc/\(entry)/stat", includeChildren: false) }
        }
        return total
    }

    private static func stat(_ path: String, includeChildren: Bool) -> Double {
        let fields = fieldsAfterName(path)
        guard fields.count > 15 else { return 0 }
        // After "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based).
        let values = fields[11...14].map { Double($0) ?? 0 }
        return (values[0] + values[1] + (includeChildren ? values[2] + values[3] : 0)) / ticks
    }

    private static func fieldsAfterName(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), let close = text.lastIndex(of: ")") else {
            return []
        }
        return text[text.index(after: close)...].split(separator: " ").map(String.init)
    }
}
