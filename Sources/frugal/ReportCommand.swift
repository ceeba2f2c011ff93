import ArgumentParser
import Foundation
import FrugalCore
import FrugalReport
import FrugalRuntime
import FrugalStore

/// `frugal report`: the élus' monthly climate report.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the monthly climate report (French): HTML, PDF, JSON, CSV or BoAmps JSON.",
        discussion: """
            Reads the store's attribution rollups and grid intensity for one month (Europe/Paris \
            months: local midnight to local midnight) and writes the report. PDF needs headless \
            Chromium (Debian package `chromium`; FRUGAL_CHROMIUM=PATH overrides). The templates \
            are built into frugal; --templates DIR renders with a folder's copies instead \
            (Dashboards/report in the repository, to try changes without rebuilding).

            CSV: `;` between fields, decimal comma, UTF-8 with a byte-order mark, one figure per \
            row (section;nom;indicateur;valeur;unite), for spreadsheets set up for French.

            Examples:
              frugal report --month 2026-10 --output rapport-2026-10.html
              frugal report --month 2026-10 --format pdf --output rapport-2026-10.pdf
              frugal report --month 2026-10 --tenant mairie-lyon --format pdf --output lyon.pdf
              frugal report --month 2026-10 --format csv --output rapport.csv --store sqlite:/var/lib/frugal/frugal.db
              frugal report --month 2026-10 --format boamps --publisher "Syndicat numérique" > boamps.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, pdf, json, csv, boamps
    }

    @Option(help: ArgumentHelp("The month, YYYY-MM (Europe/Paris).", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("Only this tenant (commune or service).", valueName: "id"))
    var tenant: String?

    @Option(help: "html, pdf, json, csv or boamps.")
    var format: Format = .html

    @Option(help: ArgumentHelp("Where to write; standard output when absent (not for pdf).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The store, sqlite:/absolute/path.db (default: the configuration's).", valueName: "url"))
    var store: String?

    @Option(help: ArgumentHelp("The TOML configuration file (store).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Render with the templates of this folder (report.mustache, …).", valueName: "dir"))
    var templates: String?

    @Option(help: ArgumentHelp("Facility PUE to mention (not applied to the figures).", valueName: "x"))
    var pue: Double?

    @Option(help: ArgumentHelp("Publisher named in the BoAmps header.", valueName: "name"))
    var publisher: String = "Frugal"

    @Option(help: ArgumentHelp("Also write each PDF page as PNG with this prefix (pdftoppm).", valueName: "prefix"))
    var pngPages: String?

    func validate() throws {
        guard ReportMonth(parsing: month) != nil else {
            throw ValidationError("--month \(month): expected YYYY-MM, e.g. --month 2026-10")
        }
        if let store, !store.hasPrefix("sqlite:/") {
            throw ValidationError("--store \(store): expected sqlite:/absolute/path.db")
        }
        if format == .pdf, output == nil { throw ValidationError("--format pdf needs --output FILE.pdf") }
        if pngPages != nil, format != .pdf { throw ValidationError("--png-pages goes with --format pdf") }
        if let pue, !(1...3).contains(pue) { throw ValidationError("--pue \(pue): expected 1.0 to 3.0") }
    }

    func run() throws {
        var settings = try ConfigFile.load(path: config, environment: ProcessInfo.processInfo.environment)
        if let store { settings.store = store }
        guard let path = settings.sqlitePath else { throw ValidationError("only sqlite: stores are supported") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no store at \(path): run frugal daemon or frugal demo first, or give --store")
        }
        let database = try SQLiteStore(path: path, options: .init(readOnly: true))
        defer { try? database.close() }
        let now = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let builder = ReportBuilder(
            store: database,
            carbon: CarbonReportInputs(
                zone: settings.carbon.zone, staticGramsPerKilowattHour: settings.carbon.staticGramsPerKilowattHour,
                lifecycle: settings.carbon.lifecycleIntensity),
            equivalences: try EquivalenceTable.bundled(),
            options: .init(tenant: tenant, powerUsageEffectiveness: pue, now: now))
        let figures = try builder.build(month: ReportMonth(parsing: month)!)
        try write(figures)
    }

    private func write(_ figures: ReportFigures) throws {
        switch format {
        case .html: try emit(Data(try loadTemplates().html(figures).utf8))
        case .json: try emit(try ReportJSON.encode(figures))
        case .csv: try emit(Data(ReportCSV.encode(figures).utf8))
        case .boamps: try emit(try BoAmpsReport.encode(figures, publisher: publisher, version: FrugalVersion.current))
        case .pdf:
            let html = try loadTemplates().html(figures)
            try PDFPrinter.locate().print(html: html, to: output!)
            FileHandle.standardError.write(Data("wrote \(output!)\n".utf8))
            if let pngPages {
                for page in try PDFPrinter.pages(pdf: output!, prefix: pngPages) {
                    FileHandle.standardError.write(Data("wrote \(page)\n".utf8))
                }
            }
        }
    }

    private func loadTemplates() throws -> ReportTemplates {
        try templates.map { try ReportTemplates.load(directory: $0) } ?? ReportTemplates.embedded()
    }

    private func emit(_ data: Data) throws {
        guard let output else {
            FileHandle.standardOutput.write(data)
            return
        }
        try data.write(to: URL(fileURLWithPath: output))
        FileHandle.standardError.write(Data("wrote \(output)\n".utf8))
    }
}
