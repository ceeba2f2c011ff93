import ArgumentParser
import Foundation
import FrugalCarbon
import FrugalCore
import FrugalRuntime
import FrugalStore

/// `frugal carbon footprint`: the store's energy converted to CO2e, per model,
/// with the source of every gram and SCI.
struct CarbonFootprint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "footprint",
        abstract: "Convert the store's attributed energy to CO2e per model: sources, lifecycle, SCI.",
        discussion: """
            Reads usage_quarter (energy per quarter hour, model and tenant) for the range, meets \
            each quarter with its intensity (stored, else the fallbacks) and prints, per model: \
            energy, direct CO2e split by intensity source, lifecycle CO2e (direct plus an upstream \
            adder per kWh: [carbon.upstream], else EcoLogits' French-mix lifecycle figure, \
            Data/factors/lifecycle.csv, an upper bound), embodied CO2e ([carbon.embodied]) and SCI = (E·I + M) / R per request \
            and per 1,000 tokens, with the boundary of E. The same energy at the static factor is \
            shown for comparison.

            Examples:
              frugal carbon footprint --from 2025-08-22 --to 2025-08-23
              frugal carbon footprint --from 2025-08-01 --to 2025-09-01 --host gpu-01 --format json
            """)

    @OptionGroup var options: CarbonOptions

    @Option(help: ArgumentHelp("First day (Paris) or instant, included.", valueName: "day"))
    var from: String

    @Option(help: ArgumentHelp("Last day (Paris) or instant, excluded.", valueName: "day"))
    var to: String

    @Option(help: ArgumentHelp("Only this host.", valueName: "name"))
    var host: String?

    func run() throws {
        let settings = try options.load()
        let store = try options.openStore(settings)
        let start = try CarbonOptions.parseTime(from, option: "--from")
        let end = try CarbonOptions.parseTime(to, option: "--to")
        let carbon = settings.carbon
        let fallback = CarbonOptions.fallback(settings)
        let rows = try store.quarterEnergyWithIntensity(zone: carbon.zone, host: host, from: start, to: end)
        let embodied = EmbodiedEmissions.configured(
            manufacturingKilograms: carbon.embodiedManufacturingKilograms,
            lifetimeYears: carbon.embodiedLifetimeYears, inferenceShare: carbon.embodiedInferenceShare)
        let boundary = SCIBoundary(configuredScope: carbon.boundary, pue: carbon.pue)
        let lifecycle = carbon.lifecycleIntensity
        let figures = SCI.figures(
            rows: rows, key: \.model, fallback: fallback, embodied: embodied, lifecycle: lifecycle, boundary: boundary)
        var lines = ["boundary   \(boundary.statement)"]
        var models: [[String: Any]] = []
        for (model, f) in figures.sorted(by: { $0.key < $1.key }) {
            let atStatic = CarbonTally.grams(
                energyMicrojoules: f.energy.microjoules, gramsPerKilowattHour: fallback.staticGramsPerKilowattHour)
            lines.append("\(model): \(f.requests) requests, \(Decimals.fixed(f.energy.kilowattHours * 1_000, 3)) Wh")
            for share in f.operational.shares {
                lines.append(
                    "  direct     \(Decimals.fixed(share.grams, 3)) gCO2e on \(Decimals.fixed(share.energy.kilowattHours * 1_000, 3)) Wh"
                        + "  source: \(share.source.rawValue)")
            }
            lines.append(
                "  direct     \(Decimals.fixed(f.operational.totalGrams, 3)) gCO2e in all"
                    + " (at the static \(Decimals.fixed(fallback.staticGramsPerKilowattHour, 0)) g/kWh: \(Decimals.fixed(atStatic, 3)) gCO2e)"
            )
            if carbon.lifecycle {
                lines.append(
                    "  lifecycle  \(Decimals.fixed(f.lifecycleGrams, 3)) gCO2e (direct + \(lifecycle.upstream.key))"
                )
            }
            lines.append(
                "  embodied   \(Decimals.fixed(f.embodiedGrams, 3)) gCO2e"
                    + (embodied == nil ? " (not configured)" : ""))
            if let perRequest = f.gramsPerRequest {
                lines.append(
                    "  SCI        \(Decimals.fixed(perRequest, 4)) gCO2e/request"
                        + (f.gramsPerThousandTokens.map { ", \(Decimals.fixed($0, 4)) gCO2e/1k tokens" } ?? ""))
            }
            models.append([
                "model": model, "requests": f.requests, "tokens": f.tokens, "energy_wh": f.energy.kilowattHours * 1_000,
                "direct_g_by_source": Dictionary(
                    uniqueKeysWithValues: f.operational.shares.map { ($0.source.rawValue, $0.grams) }),
                "direct_g": f.operational.totalGrams, "direct_g_at_static": atStatic, "lifecycle_g": f.lifecycleGrams,
                "embodied_g": f.embodiedGrams, "sci_g_per_request": f.gramsPerRequest ?? NSNull(),
                "sci_g_per_1k_tokens": f.gramsPerThousandTokens ?? NSNull(),
            ])
        }
        if figures.isEmpty { lines.append("no attributed energy in the range (run frugal demo or the daemon first)") }
        try options.emit(lines.joined(separator: "\n"), json: ["boundary": boundary.statement, "models": models])
    }
}
