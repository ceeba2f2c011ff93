import ArgumentParser
import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore

/// `frugal carbon import FILE`: an eCO2mix export, any of the three shapes.
struct CarbonImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store the intensities of an eCO2mix file (RTE download CSV/XLS, ODRÉ CSV or JSON).",
        discussion: """
            The format is detected: RTE's download (eCO2mix_RTE_*.xls is tab-separated text, \
            Paris local times, ND for missing values), ODRÉ's CSV export (;-separated, date_heure \
            with its offset) or ODRÉ API JSON. Rows marked consolidated or definitive are stored \
            as consolidated, others as live. Rows without a value are counted by reason, not fatal.

            Examples:
              frugal carbon import eCO2mix_RTE_En-cours-TR.xls
              frugal carbon import eco2mix-national-tr.csv --format json
            """)

    @OptionGroup var options: CarbonOptions

    @Argument(help: ArgumentHelp("The eCO2mix export.", valueName: "file"))
    var file: String

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("\(file): cannot be read")
        }
        let bytes = [UInt8](data)
        guard let result = GridFileParser.parse(bytes) else {
            throw ValidationError(
                "\(file) is not an eCO2mix export: expected a Taux de CO2 or taux_co2 column, or ODRÉ JSON")
        }
        let settings = try options.load()
        let store = try options.openStore(settings)
        let now = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let report = try GridIntensityWriter(store: store, zone: settings.carbon.zone).store(
            points: result.points, fetchedAt: now)
        var lines = ["format     \(result.format.rawValue)", "values     \(result.points.count) quarter hours"]
        if let first = result.points.first, let last = result.points.last {
            lines[1] +=
                " from \(TimeArgument.utcText(seconds: first.quarterStartNanoseconds / 1_000_000_000))"
                + " to \(TimeArgument.utcText(seconds: last.quarterStartNanoseconds / 1_000_000_000)) (UTC starts)"
        }
        let counts = result.problemCounts
        lines.append(
            "skipped    "
                + (counts.isEmpty
                    ? "none" : counts.map { "\($0.value) \($0.key.rawValue)" }.sorted().joined(separator: ", ")))
        lines.append(CarbonReportText.reportLine(report))
        try options.emit(
            lines.joined(separator: "\n"),
            json: [
                "format": result.format.rawValue, "values": result.points.count, "duplicate_rows": result.duplicateRows,
                "problems": Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }),
                "store": CarbonReportText.reportJSON(report),
            ])
    }
}
