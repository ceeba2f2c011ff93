import Foundation
import FrugalCore
import FrugalFleet
import Testing

@Suite("Fleet settings and months (no server)")
struct PostgresSettingsTests {
    @Test("a postgres:// URL gives user, host, port, database and sslmode")
    func parsesURL() throws {
        let settings = try PostgresSettings(url: "postgres://frugal@db.syndicat.fr:6543/energy?sslmode=require")
        #expect(settings.user == "frugal")
        #expect(settings.host == "db.syndicat.fr")
        #expect(settings.port == 6543)
        #expect(settings.database == "energy")
        #expect(settings.sslMode == .require)
        #expect(settings.description == "frugal@db.syndicat.fr:6543/energy (sslmode=require)")
        let defaults = try PostgresSettings(url: "postgresql://me@localhost")
        #expect(defaults.port == 5432 && defaults.database == "frugal" && defaults.sslMode == .prefer)
    }

    @Test("a password in the URL, an unknown sslmode and verify-ca without a CA are refused")
    func refusesBadURLs() {
        let leaked = #expect(throws: FleetError.self) { try PostgresSettings(url: "postgres://u:hunter2@h/db") }
        #expect(leaked?.kind == .configuration)
        #expect(leaked?.description.contains("hunter2") == false)
        #expect(throws: FleetError.self) { try PostgresSettings(url: "postgres://u@h/db?sslmode=maybe") }
        #expect(throws: FleetError.self) { try PostgresSettings(url: "postgres://u@h/db?sslmode=verify-ca") }
        #expect(throws: FleetError.self) { try PostgresSettings(url: "sqlite:/var/lib/frugal.db") }
        #expect(throws: FleetError.self) { try PostgresSettings(url: "postgres://u@h:99999/db") }
    }

    @Test("the password is read from its file's first line and shown nowhere")
    func passwordFile() throws {
        let path = NSTemporaryDirectory() + "frugal-pw-" + UUID().uuidString
        try "s3cret-Value\nignored\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let settings = try PostgresSettings(url: "postgres://u@h/db", passwordFile: path)
        #expect(!"\(settings)".contains("s3cret"))
        #expect(!String(reflecting: settings).contains("s3cret"))
        let missing = #expect(throws: FleetError.self) {
            try PostgresSettings(url: "postgres://u@h/db", passwordFile: path + ".absent")
        }
        #expect(missing?.description.contains("password file") == true)
    }

    @Test("months: boundaries in UTC, partition suffixes, ranges across a year")
    func months() {
        let december = FleetMonth(year: 2026, month: 12)
        #expect(december.start.nanosecondsSinceEpoch == 1_796_083_200 * 1_000_000_000)
        #expect(FleetMonth(containing: december.start) == december)
        #expect(FleetMonth(containing: december.start + .nanoseconds(-1)) == FleetMonth(year: 2026, month: 11))
        #expect(december.next == FleetMonth(year: 2027, month: 1))
        #expect(december.suffix == "y2026m12")
        #expect(
            FleetMonth.range(FleetMonth(year: 2026, month: 11), through: FleetMonth(year: 2027, month: 2)).count == 4)
        #expect(FleetMonth(containing: Timestamp(nanosecondsSinceEpoch: 0)) == FleetMonth(year: 1970, month: 1))
        #expect(
            FleetMonth(year: 2024, month: 3).start - FleetMonth(year: 2024, month: 2).start == .seconds(29 * 86_400))
    }
}
