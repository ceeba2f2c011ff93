import Foundation
import FrugalCore
import FrugalIngest

/// The fixture files beside this test target, and a context to parse them.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static let sampleFiles = [
        "litellm-standard-logging-payload.jsonl", "litellm-spend-logs.jsonl", "albert-usage.jsonl", "albert-usage.csv",
        "nginx-frugal.jsonl", "generic.jsonl",
    ]

    /// 2025-07-01T00:00:00Z: after every sample.
    static let now = Timestamp(secondsSinceEpoch: 1_751_328_000)

    static func context(_ zone: LogTimeZone = .utc) -> ParseContext {
        ParseContext(host: "gpu-01", timeZone: zone, now: now)
    }

    /// A timestamp from UTC civil time, for expectations.
    static func utc(_ text: String) -> Timestamp {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let parts = text.split(separator: ".")
        let date = formatter.date(from: String(parts[0]) + "Z")!
        var nanoseconds = Int64(date.timeIntervalSince1970) * 1_000_000_000
        if parts.count == 2 {
            let digits = String(parts[1]).padding(toLength: 9, withPad: "0", startingAt: 0)
            nanoseconds += Int64(digits)!
        }
        return Timestamp(nanosecondsSinceEpoch: nanoseconds)
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
