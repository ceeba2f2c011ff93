import FrugalCore

/// The demo's summary as a person reads it: a table with units on every number.
public enum DemoReport {
    public static func text(_ summary: DemoRun.Summary) -> String {
        let minutes = summary.duration.components.seconds / 60
        var lines = ["", "Measured over \(minutes) min (simulated), per power domain:", ""]
        let header = ["domain", "kind", "inside", "energy", "mean power", "samples"]
        var table = [header]
        for row in summary.rows {
            table.append([
                row.domain.id.rawValue, row.domain.kind.rawValue, row.domain.parent?.rawValue ?? "-",
                Decimals.fixed(row.energy.kilowattHours * 1_000, 1) + " Wh",
                Decimals.fixed(row.averagePower.watts, 1) + " W",
                String(row.samples),
            ])
        }
        lines += layout(table)
        let counted = Set(HostTotal.domains(summary.rows.map(\.domain)).map(\.id))
        let total = summary.rows.filter { counted.contains($0.domain.id) }.map(\.energy).sum()
        lines.append("")
        lines.append(
            "Host total (\(kinds(summary.rows.map(\.domain).filter { counted.contains($0.id) }))): "
                + "\(Decimals.fixed(total.kilowattHours * 1_000, 1)) Wh, "
                + "\(Decimals.fixed((total.averagePower(over: summary.duration) ?? .zero).watts, 1)) W on average.")
        lines.append("Gaps recorded: \(summary.gaps). No whole-node meter: figures cover the measured components only.")
        lines.append("")
        lines.append("Stored in \(summary.databasePath)")
        lines.append("  look inside: sqlite3 \(summary.databasePath) 'select * from rollup_minute limit 5'")
        return lines.joined(separator: "\n")
    }

    /// "psys + 4 gpu": what a total is made of, by kind.
    static func kinds(_ domains: [Domain]) -> String {
        let counts = Dictionary(grouping: domains, by: \.kind).mapValues(\.count)
        return counts.keys.sorted { $0.rawValue < $1.rawValue }.map { kind in
            counts[kind] == 1 ? kind.rawValue : "\(counts[kind]!) \(kind.rawValue)"
        }.joined(separator: " + ")
    }

    private static func layout(_ rows: [[String]]) -> [String] {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index >= 3
                    ? String(repeating: " ", count: widths[index] - cell.count) + cell
                    : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
    }
}
