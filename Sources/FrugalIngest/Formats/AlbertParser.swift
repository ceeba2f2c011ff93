import FrugalCore

/// Albert API `usage` rows, one per line, in either export:
///
/// - JSON, as `psql -c "copy (select row_to_json(u) from usage u) to stdout"`
///   writes it (`"datetime":"2025-06-06T10:08:41.123456"`);
/// - CSV with a header, as `\copy usage to 'usage.csv' csv header` writes it.
///   The header line is read for column positions (and reported as
///   `.header`); a data line before any header is rejected.
public final class AlbertParser: LogLineParser {
    public var format: LogFormat { .albert }
    private var scanner: JSONScanner?
    private let zones = ZoneResolver()
    /// For each `AlbertColumn`, its position in the CSV header.
    private var csvColumns: [Int?]?

    public init() {}

    /// Compiled once: a parser is made per file (and per input when fuzzing).
    static let query = JSONQuery(AlbertColumn.allCases.map(\.name))

    /// A parser that already knows the CSV header (a tailer resuming in the
    /// middle of a file passes the file's first line).
    public convenience init(csvHeader: String) {
        self.init()
        var copy = csvHeader
        _ = copy.withUTF8 { readHeader(CSVLine.split(UnsafeRawBufferPointer($0)) ?? []) }
    }

    public func parseRecord(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection)
        -> RequestRecord
    {
        var k = 0
        while k < line.count && (line[k] == 0x20 || line[k] == 0x09) { k += 1 }
        if k < line.count && line[k] == UInt8(ascii: "{") { return try parseJSON(line, context: context) }
        return try parseCSV(line, context: context)
    }

    private func parseJSON(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection) -> RequestRecord
    {
        let scanner: JSONScanner
        if let existing = self.scanner, existing.limits == context.jsonLimits {
            scanner = existing
        } else {
            scanner = JSONScanner(query: Self.query, limits: context.jsonLimits)
            self.scanner = scanner
        }
        do throws(JSONScanError) { try scanner.scan(line) } catch { throw LineRejection(error) }
        return try AlbertColumn.record(
            JSONFields(scanner: scanner, numbersInStrings: false, zones: zones, context: context))
    }

    private func parseCSV(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection) -> RequestRecord
    {
        guard String(validating: line, as: UTF8.self) != nil else {
            throw LineRejection(.invalidUTF8, "the CSV row is not UTF-8")
        }
        guard let cells = CSVLine.split(line) else {
            throw LineRejection(.truncated, "a quoted CSV field is not closed")
        }
        if readHeader(cells) {
            throw LineRejection(.header, "the CSV header (\(cells.count) columns)")
        }
        guard let columns = csvColumns else {
            throw LineRejection(.notJSON, "neither a JSON row nor a CSV row after a header")
        }
        guard cells.count >= Self.width(columns) else {
            throw LineRejection(.badCSV, "\(cells.count) fields, the header needs \(Self.width(columns))")
        }
        return try AlbertColumn.record(CSVFields(cells: cells, columns: columns, zones: zones, context: context))
    }

    static func width(_ columns: [Int?]) -> Int { (columns.compactMap { $0 }.max() ?? -1) + 1 }

    /// Takes `cells` as the header when it names the columns Albert always
    /// writes (`id`, `datetime`, `endpoint`); returns whether it did.
    @discardableResult
    private func readHeader(_ cells: [String]) -> Bool {
        let names = cells.map { CSVLine.name($0) }
        guard names.contains("datetime"), names.contains("id"), names.contains("endpoint") else { return false }
        csvColumns = AlbertColumn.allCases.map { names.firstIndex(of: $0.name) }
        return true
    }
}

/// The cells of one CSV row, read through the header's positions. An
/// empty cell is NULL, as PostgreSQL writes it; numbers are text.
struct CSVFields: FieldSource {
    let cells: [String]
    let columns: [Int?]
    let zones: ZoneResolver
    let context: ParseContext
    var numbersInStrings: Bool { true }

    func raw(_ f: Int) -> JSONValue? {
        guard let index = columns[f], index < cells.count, !cells[index].isEmpty else { return nil }
        return .string(cells[index])
    }

    func name(_ f: Int) -> String { AlbertColumn(rawValue: f)?.name ?? "column \(f)" }
    func plainText(_ f: Int) -> UnsafeBufferPointer<UInt8>? { nil }
}
