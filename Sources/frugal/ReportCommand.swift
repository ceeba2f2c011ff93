import ArgumentParser
import Foundation
import FrugalCore
import FrugalFleet
import FrugalReport
import FrugalRuntime
import FrugalStore

/// `frugal report`: the élus' monthly climate report.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the monthly climate report (French): HTML, PDF, JSON, CSV or BoAmps JSON.",
        discussion: """
            Reads the store's attribution rollups and grid intensity for one month (Europe/Paris \
            months: local midnight to local midnight) and writes the report. A fleet database \
            (--store postgres://…) gives the fleet's report: every host's lines and their total; \
            --host restricts a report to one host. The PostgreSQL password comes from \
            --password-file (or [store] password_file), never from the URL. PDF needs headless \
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
              frugal report --month 2026-10 --store postgres://frugal@db.example.org/frugal?sslmode=verify-full \\
                --password-file /etc/frugal/postgres.password --output flotte-2026-10.html
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

    @Option(help: ArgumentHelp("Only this host (server).", valueName: "name"))
    var host: String?

    @Option(
        help: ArgumentHelp(
            "The store, sqlite:/absolute/path.db or postgres://user@host/db (default: the configuration's).",
            valueName: "url"))
    var store: String?

    @Option(help: ArgumentHelp("File holding the PostgreSQL password (first line).", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("PEM CA certificate for sslmode=require/verify-ca/verify-full.", valueName: "file"))
    var tlsCAFile: String?

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
        if let store, !store.hasPrefix("sqlite:/"), !store.hasPrefix("postgres://"), !store.hasPrefix("postgresql://") {
            throw ValidationError("--store \(store): expected sqlite:/absolute/path.db or postgres://user@host/db")
        }
        if format == .pdf, output == nil { throw ValidationError("--format pdf needs --output FILE.pdf") }
        if pngPages != nil, format != .pdf { throw ValidationError("--png-pages goes with --format pdf") }
        if let pue, !(1...3).contains(pue) { throw ValidationError("--pue \(pue): expected 1.0 to 3.0") }
    }

    func run() async throws {
        var settings = try ConfigFile.load(path: config, environment: ProcessInfo.processInfo.environment)
        if let store { settings.store = store }
        let now = Timestamp(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let carbon = CarbonReportInputs(
            zone: settings.carbon.zone, staticGramsPerKilowattHour: settings.carbon.staticGramsPerKilowattHour,
            lifecycle: settings.carbon.lifecycleIntensity)
        let options = ReportBuilder.Options(tenant: tenant, host: host, powerUsageEffectiveness: pue, now: now)
        let figures = try await withStore(settings) { store in
            try await ReportBuilder(
                store: store, carbon: carbon, equivalences: try EquivalenceTable.bundled(), options: options
            ).build(month: ReportMonth(parsing: month)!)
        }
        try write(figures)
    }

    /// The store named by the settings, open for reading while `body` runs.
    private func withStore(_ settings: FrugalConfig, _ body: (any ReportReading) async throws -> ReportFigures)
        async throws -> ReportFigures
    {
        if let url = settings.fleetURL {
            let fleet = PostgresStore(
                settings: try PostgresSettings(
                    url: url, passwordFile: passwordFile ?? settings.fleet.passwordFile,
                    caFile: tlsCAFile ?? settings.fleet.tlsCAFile))
            do {
                let figures = try await body(fleet)
                await fleet.shutdown()
                return figures
            } catch {
                await fleet.shutdown()
                throw error
            }
        }
        guard let path = settings.sqlitePath else { throw ValidationError("--store: expected sqlite: or postgres://") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no store at \(path): run frugal daemon or frugal demo first, or give --store")
        }
        let database = try SQLiteStore(path: path, options: .init(readOnly: true))
        defer { try? database.close() }
        return try await body(database)
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
