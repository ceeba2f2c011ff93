/// Any of the three eCO2mix shapes, told apart by their first bytes: JSON
/// starts with `[` or `{`; ODRÉ's CSV header has `date_heure` or
/// `taux_co2`; RTE's download has `Taux de CO2` and `Heures`.
public enum GridFileParser {
    /// The format of `bytes`, nil when it is none of the three.
    public static func detect(_ bytes: some Collection<UInt8>) -> GridFileFormat? {
        let head = TextFolding.decode(bytes.prefix(4_096))
        guard let first = head.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else { return nil }
        if first == "[" || first == "{" { return .odreJSON }
        let headerLine = head.split(whereSeparator: \.isNewline).first.map { TextFolding.fold($0) } ?? ""
        if headerLine.contains("taux de co2") { return .rteDownload }
        if headerLine.contains("date_heure") || headerLine.contains("taux_co2") { return .odreCSV }
        return nil
    }

    /// Parses `bytes` in the format detected, nil when none was.
    public static func parse(_ bytes: some Collection<UInt8>) -> GridParseResult? {
        switch detect(bytes) {
        case .odreJSON: ODREJSONParser.parse(bytes)
        case .odreCSV: ODRECSVParser.parse(bytes)
        case .rteDownload: RTEDownloadParser.parse(bytes)
        case nil: nil
        }
    }
}
