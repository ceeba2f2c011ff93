import Foundation
import FrugalReport
import Testing

/// The PDF's headline figures, read back with pdftotext, equal what `frugal
/// serve` answers for the same Paris month on the same store, rounded as the
/// report rounds them.
///
/// The cost API sums what was attributed to requests (dynamic + allocated
/// idle); the report's headline counts everything the hosts measured, so the
/// energy no request took (`unattributed_joules` of `/v1/hosts`) is added,
/// each quarter hour's at that quarter's intensity from `/v1/grid/intensity`.
extension ReportCommandTests {
    /// October 2026 in Paris: local midnight (summer time) to local midnight (winter time).
    static let parisOctober = "from=2026-10-01T00:00:00%2B02:00&to=2026-11-01T00:00:00%2B01:00"

    @Test func pdfHeadlineEqualsTheCostAPIForTheSameMonth() async throws {
        guard Harness.available("chromium"), Harness.available("pdftotext"), Harness.available("curl") else { return }
        let pdf = Self.demo.directory.appendingPathComponent("api.pdf").path
        let result = try Self.report(["--month", "2026-10", "--format", "pdf", "--output", pdf])
        try #require(result.status == 0, "\(result.stderr)")
        let text = try Harness.run("pdftotext", ["-layout", "-f", "1", "-l", "1", pdf, "-"])
        try #require(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)

        let server = try ServeProcess(
            store: Self.store, log: Self.demo.directory.appendingPathComponent("serve.log"))
        defer { server.stop() }
        let base = try #require(await server.address(), "frugal serve never listened: \(server.logText)")
        let api = try APIMonth.read(base: base, window: Self.parisOctober)

        #expect(api.modelsRequests == api.tenantsRequests, "per model and per tenant disagree on requests")
        #expect(abs(api.modelsDirectGrams - api.tenantsDirectGrams) <= 1e-9 * api.modelsDirectGrams)
        #expect(api.unattributedJoules > 0, "the demo leaves some measured energy to no request")

        let kWh = 3_600_000.0
        #expect(Self.card("Énergie", in: lines) == Self.french(api.measuredJoules / kWh) + " kWh", "\(api)")
        #expect(
            Self.card("Émissions directes", in: lines)
                == Self.french((api.modelsDirectGrams + api.unattributedDirectGrams) / 1_000) + " kgCO2e", "\(api)")
        #expect(
            Self.card("Émissions en cycle de vie", in: lines)
                == Self.french((api.modelsLifecycleGrams + api.unattributedLifecycleGrams) / 1_000) + " kgCO2e",
            "\(api)")
        #expect(
            Self.card("Requêtes", in: lines)
                == FrenchFormat.integer(api.modelsRequests)
                .replacingOccurrences(of: FrenchFormat.narrowSpace, with: " "), "\(api)")
        // Summing the per-model figures alone would miss the unattributed energy, and the page shows the difference.
        #expect(Self.card("Énergie", in: lines) != Self.french(api.modelsFullJoules / kWh) + " kWh")
    }

    /// The report's rounding, with the spaces pdftotext gives back (U+202F and U+00A0 read as spaces).
    static func french(_ value: Double) -> String {
        FrenchFormat.approximate(value).replacingOccurrences(of: FrenchFormat.narrowSpace, with: " ")
            .replacingOccurrences(of: FrenchFormat.unitSpace, with: " ")
    }

    /// The value of a headline card in `pdftotext -layout` text: the first
    /// non-empty line below the card's label, from the label's column to the
    /// next run of two spaces (the cards stand two by two).
    static func card(_ label: String, in lines: [String]) -> String? {
        guard let row = lines.firstIndex(where: { $0.contains(label) }), let range = lines[row].range(of: label)
        else { return nil }
        let column = lines[row].distance(from: lines[row].startIndex, to: range.lowerBound)
        guard let values = lines[(row + 1)...].first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        else { return nil }
        let characters = Array(
            values.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " "))
        guard column < characters.count else { return nil }
        var value = ""
        for character in characters[column...] {
            if character == " " && value.hasSuffix(" ") { break }
            value.append(character)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}

/// What the cost API says about one window, summed.
struct APIMonth: CustomStringConvertible {
    var modelsRequests: Int64 = 0
    var modelsFullJoules = 0.0
    var modelsDirectGrams = 0.0
    var modelsLifecycleGrams = 0.0
    var tenantsRequests: Int64 = 0
    var tenantsDirectGrams = 0.0
    /// Every counted domain of every host (`/v1/hosts`).
    var measuredJoules = 0.0
    var unattributedJoules = 0.0
    /// The unattributed energy of each quarter × its intensity (direct, and + the lifecycle adder).
    var unattributedDirectGrams = 0.0
    var unattributedLifecycleGrams = 0.0

    var description: String {
        "API: \(modelsRequests) requests, models \(modelsFullJoules) J \(modelsDirectGrams) g direct "
            + "\(modelsLifecycleGrams) g lifecycle; hosts measured \(measuredJoules) J, unattributed "
            + "\(unattributedJoules) J = \(unattributedDirectGrams) g direct, \(unattributedLifecycleGrams) g lifecycle"
    }

    struct Summary: Decodable {
        struct Total: Decodable {
            struct Energy: Decodable { var fullJoules: Double }
            struct CO2e: Decodable {
                var directGrams: Double
                var lifecycleGrams: Double
            }
            var energy: Energy
            var co2e: CO2e
        }
        var requests: Int64
        var total: Total
    }
    struct Models: Decodable { var models: [Summary] }
    struct Tenants: Decodable { var tenants: [Summary] }
    struct Hosts: Decodable {
        struct Host: Decodable {
            struct Book: Decodable {
                var measuredJoules: Double
                var unattributedJoules: Double
            }
            var firstSeen: String?
            var latestWindowEnd: String?
            var energy: Book
        }
        var hosts: [Host]
    }
    struct Grid: Decodable {
        struct Quarter: Decodable { var intensityGPerKwh: Double }
        struct Lifecycle: Decodable { var intensityGPerKwh: Double }
        var quarters: [Quarter]
        var lifecycle: Lifecycle
    }

    static func get<T: Decodable>(_ type: T.Type, _ url: String) throws -> T {
        let answer = try Curl.get(url)
        guard answer.status == 200 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "\(url): \(answer)"])
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(T.self, from: Data(answer.body.utf8))
    }

    static func read(base: String, window: String) throws -> APIMonth {
        var month = APIMonth()
        for model in try get(Models.self, "\(base)/v1/models?\(window)").models {
            month.modelsRequests += model.requests
            month.modelsFullJoules += model.total.energy.fullJoules
            month.modelsDirectGrams += model.total.co2e.directGrams
            month.modelsLifecycleGrams += model.total.co2e.lifecycleGrams
        }
        for tenant in try get(Tenants.self, "\(base)/v1/tenants?\(window)").tenants {
            month.tenantsRequests += tenant.requests
            month.tenantsDirectGrams += tenant.total.co2e.directGrams
        }
        let hosts = try get(Hosts.self, "\(base)/v1/hosts?\(window)").hosts
        month.measuredJoules = hosts.reduce(0) { $0 + $1.energy.measuredJoules }
        month.unattributedJoules = hosts.reduce(0) { $0 + $1.energy.unattributedJoules }
        // Quarter by quarter over the span the hosts have windows in (the demo's is one quarter hour).
        let format = ISO8601DateFormatter()
        let starts = hosts.compactMap { $0.firstSeen.flatMap(format.date(from:)) }
        let ends = hosts.compactMap { $0.latestWindowEnd.flatMap(format.date(from:)) }
        guard let first = starts.min(), let end = ends.max() else { return month }
        var quarter = Date(timeIntervalSince1970: (first.timeIntervalSince1970 / 900).rounded(.down) * 900)
        while quarter < end {
            let next = quarter.addingTimeInterval(900)
            let span = "from=\(format.string(from: quarter))&to=\(format.string(from: next))"
            let joules = try get(Hosts.self, "\(base)/v1/hosts?\(span)").hosts.reduce(0) {
                $0 + $1.energy.unattributedJoules
            }
            let grid = try get(Grid.self, "\(base)/v1/grid/intensity?\(span)")
            let intensity = try #require(grid.quarters.first).intensityGPerKwh
            month.unattributedDirectGrams += joules / 3_600_000 * intensity
            month.unattributedLifecycleGrams += joules / 3_600_000 * (intensity + grid.lifecycle.intensityGPerKwh)
            quarter = next
        }
        return month
    }
}

/// A `frugal serve` child on a free loopback port, its log in a file.
final class ServeProcess {
    let process = Process()
    let log: URL

    init(store: String, log: URL) throws {
        self.log = log
        try Data().write(to: log)
        process.executableURL = URL(fileURLWithPath: Harness.frugal)
        process.arguments = ["serve", "--store", store, "--listen", "127.0.0.1:0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// `http://127.0.0.1:PORT` from the "cost API listening" line; nil if it exits or 60 s pass first.
    func address() async throws -> String? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let line = logText.split(separator: "\n").first(where: { $0.contains("cost API listening") }),
                let range = line.range(of: "server.address=")
            {
                return "http://" + line[range.upperBound...].prefix { !$0.isWhitespace }
            }
            if !process.isRunning { return nil }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
