extension AccuracyEvaluation {
    /// The reports as one table: per scenario and method, per-request median
    /// and 95th-percentile error and the worst per-model error.
    public static func table(_ reports: [Report]) -> String {
        var rows = [["scenario", "requests", "method", "request median", "request p95", "worst model"]]
        for report in reports {
            for score in report.scores {
                rows.append([
                    report.scenario, String(report.requests), score.method, percent(score.requestMedianError),
                    percent(score.requestP95Error), percent(score.modelMaxError),
                ])
            }
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == 1 || index >= 3
                    ? String(repeating: " ", count: widths[index] - cell.count) + cell
                    : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func percent(_ value: Double) -> String { Decimals.fixed(value * 100, 1) + " %" }
}
