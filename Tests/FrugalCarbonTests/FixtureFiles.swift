import Foundation

/// Files under `Tests/FrugalCarbonTests/Fixtures` and the repository's `Data/`.
enum FixtureFiles {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(name)")))
    }

    static func repositoryText(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// `datetime_utc,taux_co2_g_per_kwh` rows of a converted file as (UTC seconds, g/kWh).
    static func converted(_ name: String) throws -> [(Int64, Double)] {
        let text = String(decoding: try bytes("eco2mix/\(name)"), as: UTF8.self)
        let formatter = ISO8601DateFormatter()
        return text.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: ",")
            let date = formatter.date(from: String(parts[0]))!
            return (Int64(date.timeIntervalSince1970), Double(parts[1])!)
        }
    }
}
