import ArgumentParser
import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore

/// `frugal carbon`: the French grid's carbon intensity per quarter hour, with
/// where every value came from.
struct Carbon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grid carbon intensity (RTE eCO2mix) per quarter hour, with its source.",
        discussion: """
            Frugal converts measured energy to CO2e with the intensity of the French grid \
            (RTE eCO2mix `taux_co2`, gCO2/kWh, every 15 minutes) for the quarter hour in which \
            the energy was used. Values come from ODRÉ's open-data API (Etalab Licence Ouverte \
            2.0) and are kept in the store; a consolidated value replaces a real-time one. When \
            a quarter has no value, the figure falls back, in order, to the latest stored value \
            (cached), the eCO2mix history bundled with Frugal (historical), its mean for the same \
            quarter of the Paris day (historical_profile), and carbon.static_g_per_kwh (static). \
            Every figure says which.

            Examples:
              frugal carbon now
              frugal carbon now --format json --store sqlite:/var/lib/frugal/frugal.db
              frugal carbon backfill --from 2025-08-01 --to 2025-09-01
              frugal carbon backfill --from 2025-01-01 --to 2026-01-01 --offline
              frugal carbon import eCO2mix_RTE_En-cours-TR.xls
              frugal carbon footprint --from 2025-08-22 --to 2025-08-23
              frugal carbon profile --weeks 4
            """,
        subcommands: [
            CarbonNow.self, CarbonBackfill.self, CarbonImport.self, CarbonFootprint.self, CarbonProfile.self,
        ])
}

/// Options every `frugal carbon` command takes.
struct CarbonOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The TOML configuration file ([carbon], store.url).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Override [store] url, e.g. sqlite:/var/lib/frugal/frugal.db.", valueName: "url"))
    var store: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let store, !store.hasPrefix("sqlite:/") {
            throw ValidationError("--store \(store): expected sqlite:/absolute/path.db")
        }
    }

    func load() throws -> FrugalConfig {
        var settings = try ConfigFile.load(path: config, environment: ProcessInfo.processInfo.environment)
        if let store { settings.store = store }
        return settings
    }

    func openStore(_ settings: FrugalConfig) throws -> SQLiteStore {
        guard let path = settings.sqlitePath else { throw ValidationError("only sqlite: stores are supported") }
        return try SQLiteStore(path: path)
    }

    static func fallback(_ settings: FrugalConfig) -> IntensityFallback {
        IntensityFallback(staticGramsPerKilowattHour: settings.carbon.staticGramsPerKilowattHour)
    }

    static func client(_ settings: FrugalConfig) -> ODREClient {
        ODREClient(baseURL: settings.carbon.apiBaseURL, timeout: settings.carbon.timeout)
    }

    static func parseTime(_ text: String, option: String) throws -> Timestamp {
        guard let seconds = TimeArgument.utcSeconds(text) else {
            throw ValidationError(
                "\(option) \(text): give a Paris day such as 2025-08-22 or an instant such as 2025-08-22T00:00:00Z")
        }
        return Timestamp(secondsSinceEpoch: seconds)
    }

    func emit(_ text: String, json: [String: Any]) throws {
        switch format {
        case .text: print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        case .json:
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
