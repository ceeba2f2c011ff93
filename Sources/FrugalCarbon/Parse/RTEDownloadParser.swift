/// RTE's eCO2mix download (`eCO2mix_RTE_En-cours-TR.xls`,
/// `eCO2mix_RTE_Annuel-Definitif_YYYY.xls`, or a CSV saved from them): the
/// "XLS" is tab-separated text, usually ISO-8859-1; some copies are
/// `,`-separated with accents dropped. `Date` + `Heures` are Paris local
/// time with no offset; `ND` marks a missing value; the file ends with a
/// disclaimer line, which is not a row.
public enum RTEDownloadParser {
    public static func parse(_ bytes: some Collection<UInt8>) -> GridParseResult {
        var collector = GridPointCollector()
        guard let table = DelimitedText(text: TextFolding.decode(bytes)) else {
            collector.problem(.malformed, line: 1, "no header line")
            return collector.finish(format: .rteDownload)
        }
        guard let co2 = table.column("taux de co2", "taux_co2"),
            let date = table.column("date"),
            let hour = table.column("heures", "heure")
        else {
            collector.problem(.malformed, line: table.headerLine, "no Date, Heures and Taux de CO2 columns")
            return collector.finish(format: .rteDownload)
        }
        let nature = table.column("nature")
        for (line, text) in table.rows {
            let cells = table.cells(text)
            // The closing disclaimer ("RTE ne pourra être tenu responsable…") has one cell.
            if cells.count == 1 && DateText.date(cells[0].prefix(10)) == nil { continue }
            guard max(date, hour, co2) < cells.count else {
                collector.problem(.malformed, line: line, "too few cells (\(cells.count))")
                continue
            }
            let kind = nature.flatMap { $0 < cells.count ? GridDataNature(cell: cells[$0]) : nil } ?? .realTime
            guard let utc = RowTime.fromLocal(date: cells[date], time: cells[hour], line: line, collector: &collector)
            else { continue }
            collector.add(utcSeconds: utc, value: cells[co2], nature: kind, line: line)
        }
        return collector.finish(format: .rteDownload)
    }
}
