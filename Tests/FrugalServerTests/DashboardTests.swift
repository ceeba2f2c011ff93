import Foundation
import Testing

/// Every PromQL query of every Grafana board names only metrics the golden
/// scrape has, so a renamed metric breaks this test, not a board in production.
@Suite struct DashboardTests {
    static let dashboards = Tools.repository.appendingPathComponent("Dashboards")

    static func boards() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: dashboards, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    /// Every `expr` in a board, panels nested in rows included.
    static func expressions(_ value: Any) -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, child in
                key == "expr" ? [child as? String].compactMap { $0 } : expressions(child)
            }
        }
        if let array = value as? [Any] { return array.flatMap(expressions) }
        return []
    }

    @Test func thereAreAnOpsAndADeveloperBoard() throws {
        let names = try Self.boards().map(\.lastPathComponent)
        #expect(names.contains("frugal-ops.json"))
        #expect(names.contains("frugal-developers.json"))
    }

    @Test func everyQueryNamesMetricsOfTheGoldenScrape() throws {
        let golden = try String(contentsOf: MetricsTests.golden, encoding: .utf8)
        let known = Set(
            golden.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { String($0.split(separator: " ")[2]) }
        )
        for board in try Self.boards() {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: board))
            let expressions = Self.expressions(json)
            #expect(expressions.count >= 5, "\(board.lastPathComponent) has \(expressions.count) queries")
            for expression in expressions {
                let names = expression.matches(of: /\b(frugal_[a-z0-9_]+)/).map { String($0.1) }
                #expect(!names.isEmpty, "\(board.lastPathComponent): \(expression) reads no frugal metric")
                for name in names {
                    #expect(known.contains(name), "\(board.lastPathComponent): \(name) is not exposed")
                }
            }
        }
    }
}
