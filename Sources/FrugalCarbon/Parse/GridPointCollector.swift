import FrugalCore

/// Gathers a parser's rows into one value per quarter hour: checks alignment
/// and value, drops repeats, keeps the first of two different values, and
/// places Paris local times in UTC (the repeated autumn hour by order of
/// appearance: first UTC+2, then UTC+1).
struct GridPointCollector {
    private var points: [Int64: GridPoint] = [:]
    private var problems: [GridParseProblem] = []
    private var duplicates = 0
    /// Rows with no value, kept until `finish` knows whether the file is half-hourly.
    private var missing: [(quarterSeconds: Int64, line: Int, nature: GridDataNature, detail: String)] = []
    /// How many times each ambiguous local time was met, to tell its two occurrences apart.
    private var seenAmbiguous: [Int64: Int] = [:]

    mutating func problem(_ kind: GridParseProblem.Kind, line: Int, _ detail: String) {
        problems.append(GridParseProblem(kind: kind, line: line, detail: detail))
    }

    /// A Paris wall-clock time in UTC seconds, or nil (problem recorded) for the skipped spring hour.
    mutating func utcSeconds(date: CivilDate, secondOfDay: Int, line: Int) -> Int64? {
        let candidates = EuropeParis.utcCandidates(
            date: date, hour: secondOfDay / 3_600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60)
        switch candidates.count {
        case 0:
            problem(
                .nonexistentLocalTime, line: line, "\(date) \(secondOfDay / 3_600)h is skipped by the spring change")
            return nil
        case 1:
            return candidates[0]
        default:
            let key = date.daysSinceEpoch * 86_400 + Int64(secondOfDay)
            let seen = seenAmbiguous[key, default: 0]
            seenAmbiguous[key] = seen + 1
            return candidates[min(seen, candidates.count - 1)]
        }
    }

    /// One row: its UTC start and its `taux_co2` cell (nil when the row has no such cell).
    mutating func add(utcSeconds: Int64, value cell: Substring?, nature: GridDataNature, line: Int) {
        // 1970 to 2200: a date outside cannot be eCO2mix's, and would overflow in nanoseconds.
        guard (0...7_258_118_400).contains(utcSeconds) else {
            problem(.malformed, line: line, "\(utcSeconds) s since 1970 is not a date eCO2mix can hold")
            return
        }
        guard utcSeconds % 900 == 0 else {
            problem(.offGrid, line: line, "\(utcSeconds) s is not on a quarter hour")
            return
        }
        let text = cell.map { Substring(String($0).trimmingSpaces()) } ?? ""
        if text.isEmpty || text == "ND" || text == "nd" || text == "-" {
            missing.append((utcSeconds, line, nature, text.isEmpty ? "empty taux_co2" : "taux_co2 is \(text)"))
            return
        }
        guard let value = Double(text), value.isFinite, value >= 0, value < 10_000 else {
            problem(.malformed, line: line, "taux_co2 \(text.prefix(40)) is not a number of g/kWh")
            return
        }
        add(
            GridPoint(quarterStartNanoseconds: utcSeconds * 1_000_000_000, gramsPerKilowattHour: value, nature: nature),
            line: line)
    }

    private mutating func add(_ point: GridPoint, line: Int) {
        if let existing = points[point.quarterStartNanoseconds] {
            if existing.gramsPerKilowattHour == point.gramsPerKilowattHour {
                duplicates += 1
            } else {
                problem(
                    .conflictingDuplicate, line: line,
                    "\(point.gramsPerKilowattHour) g/kWh for a quarter already read as \(existing.gramsPerKilowattHour)"
                )
            }
            return
        }
        points[point.quarterStartNanoseconds] = point
    }

    /// The result. Consolidated rows of a file whose values are all at :00
    /// and :30 (RTE's consolidated and definitive data: production every 30
    /// minutes) hold each value for its half hour, filling the empty :15 and
    /// :45 rows.
    mutating func finish(format: GridFileFormat) -> GridParseResult {
        let halfHourly =
            !points.isEmpty && points.keys.allSatisfy { ($0 / 1_000_000_000) % 1_800 == 0 }
            && missing.contains { $0.quarterSeconds % 1_800 == 900 }
        for row in missing {
            let previous = (row.quarterSeconds - 900) * 1_000_000_000
            if halfHourly, row.nature == .consolidated, row.quarterSeconds % 1_800 == 900, let held = points[previous],
                points[row.quarterSeconds * 1_000_000_000] == nil
            {
                points[row.quarterSeconds * 1_000_000_000] = GridPoint(
                    quarterStartNanoseconds: row.quarterSeconds * 1_000_000_000,
                    gramsPerKilowattHour: held.gramsPerKilowattHour, nature: held.nature)
            } else if points[row.quarterSeconds * 1_000_000_000] == nil {
                problem(.missingValue, line: row.line, row.detail)
            }
        }
        let sorted = points.values.sorted { $0.quarterStartNanoseconds < $1.quarterStartNanoseconds }
        return GridParseResult(
            format: format, points: sorted, problems: problems.sorted { $0.line < $1.line }, duplicateRows: duplicates)
    }
}
