import FrugalCore
import FrugalProbes

extension ProbeReport {
    /// The report as a person reads it in a terminal, units on every number.
    public func text() -> String {
        var lines: [String] = []
        if entries.isEmpty {
            lines.append("No power domain found.")
        } else {
            lines.append("Power domains (\(entries.count)):")
            let width = entries.map(\.id.rawValue.count).max() ?? 0
            for entry in entries {
                let id = entry.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                let parent = entry.parent.map { " (sub-zone of \($0))" } ?? ""
                lines.append("  \(id)  \(entry.kind.rawValue) \"\(entry.name)\" via \(entry.source)\(parent)")
                lines.append("      \(reading(entry))")
            }
        }
        if !problems.isEmpty {
            lines.append("")
            lines.append("Missing or unreadable (\(problems.count)):")
            for problem in problems {
                lines.append(
                    "  \(problem.source) \(problem.location): \(problem.failure.kind.rawValue): \(problem.failure.reason)"
                )
                if let fix = problem.failure.fix { lines.append("      fix: \(fix)") }
            }
        }
        if windowMilliseconds == 0 && entries.contains(where: { $0.method == .energyCounter && $0.failure == nil }) {
            lines.append("")
            lines.append("Counters show energy since they started; `frugal probe --window 1s` turns them into watts.")
        }
        if entries.contains(where: \.isWholeNode) {
            lines.append("")
            lines.append("A whole-node meter is present: it is the total; the other domains are its breakdown.")
        } else if !entries.isEmpty {
            lines.append("")
            lines.append(
                "No whole-node meter: figures cover the measured components only (no fans, PSU losses, disks).")
        }
        return lines.joined(separator: "\n")
    }

    private func reading(_ entry: Entry) -> String {
        if let failure = entry.failure {
            return "unreadable: \(failure)"
        }
        var parts: [String] = []
        if let energy = entry.energyMicrojoules {
            parts.append("counter \(energy) µJ")
        }
        if let power = entry.powerMicrowatts {
            let how = entry.method == .energyCounter ? "average over \(windowMilliseconds) ms" : "reading"
            parts.append("power \(format(watts: Power(microwatts: power).watts)) W (\(how))")
        }
        return parts.joined(separator: ", ")
    }

    private func format(watts: Double) -> String {
        let rounded = (watts * 1_000).rounded() / 1_000
        return String(rounded)
    }
}

extension ProbeReport.Entry {
    var isWholeNode: Bool { kind == .node }
}
