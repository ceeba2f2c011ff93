/// ODRÉ's CSV export of an eCO2mix dataset (`eco2mix-national-tr`,
/// `eco2mix-national-cons-def`): `;`-separated, the API's field names as
/// header. Time comes from `date_heure`, which carries its offset; a file
/// without it falls back to `date` + `heure` in Paris time.
public enum ODRECSVParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> GridParseResult {
        var collector = GridPointCollector()
        guard let table = DelimitedText(text: TextFolding.decode(bytes)) else {
            collector.problem(.malformed, line: 1, "no header line")
            return collector.finish(format: .odreCSV)
        }
        guard let co2 = table.column("taux_co2") else {
            collector.problem(.malformed, line: table.headerLine, "no taux_co2 column")
            return collector.finish(format: .odreCSV)
        }
        let instant = table.column("date_heure")
        let date = table.column("date")
        let hour = table.column("heure", "heures")
        let nature = table.column("nature")
        guard instant != nil || (date != nil && hour != nil) else {
            collector.problem(.malformed, line: table.headerLine, "no date_heure nor date and heure columns")
            return collector.finish(format: .odreCSV)
        }
        for (line, text) in table.rows {
            let cells = table.cells(text)
            let kind = nature.flatMap { $0 < cells.count ? GridDataNature(cell: cells[$0]) : nil } ?? .realTime
            let utc: Int64?
            if let instant, instant < cells.count {
                utc = RowTime.fromInstant(cells[instant], line: line, collector: &collector)
            } else if let date, let hour, max(date, hour) < cells.count {
                utc = RowTime.fromLocal(date: cells[date], time: cells[hour], line: line, collector: &collector)
            } else {
                collector.problem(.malformed, line: line, "too few cells (\(cells.count))")
                continue
            }
            guard let utc else { continue }
            collector.add(utcSeconds: utc, value: co2 < cells.count ? cells[co2] : nil, nature: kind, line: line)
        }
        return collector.finish(format: .odreCSV)
    }
}

/// A row's UTC start from the cells that give it, problems recorded.
enum RowTime {
    static func fromInstant(_ cell: Substring, line: Int, collector: inout GridPointCollector) -> Int64? {
        let text = Substring(String(cell).trimmingSpaces())
        switch DateText.instant(text) {
        case .utc(let seconds): return seconds
        case .local(let date, let second): return collector.utcSeconds(date: date, secondOfDay: second, line: line)
        case nil:
            collector.problem(.malformed, line: line, "date_heure \(text.prefix(40)) is not an ISO 8601 time")
            return nil
        }
    }

    static func fromLocal(date: Substring, time: Substring, line: Int, collector: inout GridPointCollector)
        -> Int64?
    {
        let dateText = Substring(String(date).trimmingSpaces())
        let timeText = Substring(String(time).trimmingSpaces())
        guard let day = DateText.date(dateText), let second = DateText.timeOfDay(timeText) else {
            collector.problem(
                .malformed, line: line, "date \(dateText.prefix(20)) \(timeText.prefix(10)) does not parse")
            return nil
        }
        return collector.utcSeconds(date: day, secondOfDay: second, line: line)
    }
}
