import FrugalCore

/// The demo's summary as a person reads it: tables with units on every number.
public enum DemoReport {
    /// One line per attributed quarter hour, as the demo prints them live.
    public static func line(_ w: WindowOutcome) -> String {
        let kwh = { (e: Energy) in Decimals.fixed(e.kilowattHours * 1_000, 0) + " Wh" }
        let books = w.conserves ? "books balance" : "BOOKS DO NOT BALANCE"
        return "  \(EuropeParis.hourMinute(w.start))–\(EuropeParis.hourMinute(w.end))  "
            + "\(pad(String(w.requests), 5)) requests  measured \(pad(kwh(w.measured), 8))  = idle \(pad(kwh(w.idle), 7))"
            + " + attributed \(pad(kwh(w.attributed), 7)) + unattributed \(pad(kwh(w.unattributed), 6))  (\(books))"
            + (w.recomputed ? "  [recomputed: late log lines]" : "")
    }

    public static func text(_ summary: DemoSummary) -> String {
        let minutes = summary.duration.components.seconds / 60
        var lines = ["", "Measured over \(minutes) min (simulated), per power domain:", ""]
        var table = [["domain", "kind", "inside", "energy", "mean power", "samples"]]
        for row in summary.domains {
            table.append([
                row.domain.id.rawValue, row.domain.kind.rawValue, row.domain.parent?.rawValue ?? "-",
                Decimals.fixed(row.energy.kilowattHours * 1_000, 1) + " Wh",
                Decimals.fixed(row.averagePower.watts, 1) + " W", String(row.samples),
            ])
        }
        lines += layout(table, numericFrom: 3)
        let counted = Set(HostTotal.domains(summary.domains.map(\.domain)).map(\.id))
        let total = summary.domains.filter { counted.contains($0.domain.id) }.map(\.energy).sum()
        lines.append("")
        lines.append(
            "Host total (\(kinds(summary.domains.map(\.domain).filter { counted.contains($0.id) }))): "
                + "\(Decimals.fixed(total.kilowattHours * 1_000, 1)) Wh, "
                + "\(Decimals.fixed((total.averagePower(over: summary.duration) ?? .zero).watts, 1)) W on average. "
                + "Gaps: \(summary.gaps).")
        lines += ingestLines(summary)
        lines += modelLines(summary)
        lines += accuracyLines(summary)
        lines.append("")
        lines.append("Stored in \(summary.databasePath); the gateway log is \(summary.logPath).")
        lines.append(
            "  per model and quarter hour: sqlite3 \(summary.databasePath) 'select * from usage_quarter limit 5'")
        lines.append(
            "  one request's split:        sqlite3 \(summary.databasePath) 'select * from request_energy limit 5'")
        return lines.joined(separator: "\n")
    }

    private static func ingestLines(_ s: DemoSummary) -> [String] {
        let windows = s.windows.filter { !$0.recomputed }
        let balanced = s.windows.allSatisfy(\.conserves)
        return [
            "",
            "Gateway log: \(s.ingest.linesRead) lines read, \(s.ingest.inserted) requests stored, "
                + "\(s.ingest.quarantined) quarantined. Attribution: \(windows.count) quarter hours, "
                + "\(s.windows.count - windows.count) recomputed for late lines; "
                + (balanced
                    ? "measured = idle + attributed + unattributed to the microjoule in every window and domain."
                    : "SOME BOOKS DO NOT BALANCE."),
        ]
    }

    private static func modelLines(_ s: DemoSummary) -> [String] {
        var table = [
            ["model", "requests", "dynamic", "allocated idle", "full cost", "per request p50", "p90", "J / 1k tokens"]
        ]
        for row in s.models {
            let full = row.dynamic + row.idle
            let tokens = Double(row.promptTokens + row.completionTokens)
            table.append([
                row.model, String(row.requests), Decimals.fixed(row.dynamic.kilowattHours * 1_000, 1) + " Wh",
                Decimals.fixed(row.idle.kilowattHours * 1_000, 1) + " Wh",
                Decimals.fixed(full.kilowattHours * 1_000, 1) + " Wh",
                row.medianCost.map { Decimals.fixed($0.joules, 0) + " J" } ?? "-",
                row.p90Cost.map { Decimals.fixed($0.joules, 0) + " J" } ?? "-",
                tokens > 0 ? Decimals.fixed(full.joules / tokens * 1_000, 0) + " J" : "-",
            ])
        }
        return ["", "Per model (dynamic energy, allocated idle, full cost per request from the store's rollups):", ""]
            + layout(table, numericFrom: 1)
    }

    private static func accuracyLines(_ s: DemoSummary) -> [String] {
        var lines = ["", "Against the simulator's truth (dynamic energy):"]
        for row in s.models where row.trueDynamic.microjoules > 0 {
            let error =
                Double(row.dynamic.microjoules - row.trueDynamic.microjoules) / Double(row.trueDynamic.microjoules)
            lines.append(
                "  \(row.model): attributed \(Decimals.fixed(row.dynamic.kilowattHours * 1_000, 1)) Wh, "
                    + "true \(Decimals.fixed(row.trueDynamic.kilowattHours * 1_000, 1)) Wh "
                    + "(\(error >= 0 ? "+" : "")\(Decimals.fixed(error * 100, 1)) %)")
        }
        if let median = s.requestErrorMedian, let p95 = s.requestErrorP95 {
            lines.append(
                "  per request: median error \(Decimals.fixed(median * 100, 1)) %, "
                    + "95th percentile \(Decimals.fixed(p95 * 100, 1)) %")
        }
        return lines
    }

    /// "psys + 4 gpu": what a total is made of, by kind.
    static func kinds(_ domains: [Domain]) -> String {
        let counts = Dictionary(grouping: domains, by: \.kind).mapValues(\.count)
        return counts.keys.sorted { $0.rawValue < $1.rawValue }.map { kind in
            counts[kind] == 1 ? kind.rawValue : "\(counts[kind]!) \(kind.rawValue)"
        }.joined(separator: " + ")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func layout(_ rows: [[String]], numericFrom: Int) -> [String] {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index >= numericFrom
                    ? String(repeating: " ", count: widths[index] - cell.count) + cell
                    : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
