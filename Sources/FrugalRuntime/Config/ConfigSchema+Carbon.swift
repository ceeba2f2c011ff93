import Foundation
import FrugalCarbon
import FrugalCore

/// The `[carbon]` section: where the grid's intensity comes from and how
/// CO2e figures are bounded. FrugalCarbon turns it into a fetcher, a
/// resolver and SCI inputs (see `frugal carbon`).
public struct CarbonSettings: Hashable, Sendable {
    /// The grid zone; only "FR" (RTE eCO2mix) has a live feed.
    public var zone = "FR"
    /// The last-resort factor, g/kWh, used when neither the feed, the
    /// cache, nor the bundled history has a value. Default: RTE's 2023
    /// yearly mean of `taux_co2` is about 32 g/kWh; 40 g/kWh leans cautious.
    public var staticGramsPerKilowattHour = 40.0
    /// ODRÉ Explore API v2.1 base URL.
    public var apiBaseURL = "https://odre.opendatasoft.com/api/explore/v2.1"
    /// Fetch the live feed at all (off: bundled history and static factor only).
    public var fetch = true
    public var fetchInterval: Duration = .seconds(900)
    public var timeout: Duration = .seconds(20)
    /// Data-centre power usage effectiveness applied to measured energy (1 = none).
    public var pue = 1.0
    /// What the measured domains cover: "components" or "node".
    public var boundary = "components"
    /// Show the lifecycle (ACV) figure beside the direct one.
    public var lifecycle = true
    /// `[carbon.embodied]`: manufacturing kgCO2e of the host (0 = not counted).
    public var embodiedManufacturingKilograms = 0.0
    public var embodiedLifetimeYears = 3.0
    public var embodiedInferenceShare = 1.0
    /// `[carbon.upstream]`: the lifecycle adder, g/kWh, that replaces the
    /// bundled one (EcoLogits' French mix, an upper bound), with its source
    /// and year; nil: the bundled adder.
    public var upstreamGramsPerKilowattHour: Double?
    public var upstreamSource: String?
    public var upstreamYear: Int?

    public init() {}

    /// The lifecycle view these settings give: each quarter's direct
    /// intensity plus `[carbon.upstream]`'s adder, or the bundled one.
    public var lifecycleIntensity: LifecycleIntensity {
        guard let grams = upstreamGramsPerKilowattHour else { return .france }
        return LifecycleIntensity(
            upstream: CarbonFactor(
                gramsPerKilowattHour: grams, key: "configured", year: upstreamYear,
                source: upstreamSource ?? "[carbon.upstream]"))
    }

    /// What `[carbon.upstream]` lacks to be used: a value without its source.
    func upstreamProblem() -> String? {
        guard upstreamGramsPerKilowattHour != nil else {
            return upstreamSource == nil && upstreamYear == nil ? nil : "source and year need g_per_kwh beside them"
        }
        guard let source = upstreamSource, !source.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "g_per_kwh needs its source beside it, e.g. source = \"ADEME Base Empreinte, id …, 2023\""
        }
        return nil
    }
}

extension ConfigKeys {
    /// The `[carbon]` and `[carbon.embodied]` keys.
    static let carbon: [ConfigKey] = [
        .string(
            "carbon", "zone", \.carbon.zone, "Grid zone of the host. \"FR\": RTE eCO2mix, 15-minute steps.",
            check: { $0 == "FR" ? nil : "only \"FR\" is supported (RTE eCO2mix)" }),
        .number(
            "carbon", "static_g_per_kwh", \.carbon.staticGramsPerKilowattHour, in: 0...2_000,
            "Last-resort intensity, gCO2/kWh, when no feed, cache or bundled value exists (source shown: static)."),
        .string(
            "carbon", "api_base_url", \.carbon.apiBaseURL,
            "ODRÉ Explore API v2.1 base URL (tests point it at a local server).",
            check: { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? nil : "must be an http(s) URL" }),
        .bool("carbon", "fetch", \.carbon.fetch, "Fetch eCO2mix from ODRÉ (off: bundled history and static factor)."),
        .duration(
            "carbon", "fetch_interval", \.carbon.fetchInterval, in: .seconds(60)...(.seconds(86_400)),
            "How often the live feed is fetched. It publishes every 15 minutes, about an hour late."),
        .duration(
            "carbon", "timeout", \.carbon.timeout, in: .seconds(1)...(.seconds(300)),
            "Timeout of one request to ODRÉ; failed requests are retried with backoff."),
        .number(
            "carbon", "pue", \.carbon.pue, in: 1...3,
            "Power usage effectiveness applied to measured energy in CO2e and SCI (1: none)."),
        .string(
            "carbon", "boundary", \.carbon.boundary,
            "What the measured energy covers: \"components\" (CPU, DRAM, GPU counters) or \"node\" (a whole-node meter).",
            check: { ["components", "node"].contains($0) ? nil : "expected \"components\" or \"node\"" }),
        .bool("carbon", "lifecycle", \.carbon.lifecycle, "Show the lifecycle (ACV) CO2e beside the direct figure."),
        ConfigKey(
            section: "carbon", table: "embodied",
            type: "table: manufacturing_kgco2e (number, 0), lifetime_years (number, 3), inference_share (0–1, 1)",
            help: "The host's manufacturing emissions, amortised per hour and shared among requests like idle "
                + "energy. EcoLogits: 5700 kgCO2e per server + 273 per GPU, over 3 years. 0 kg: not counted."
        ) { config, name, raw in
            let value: Double? =
                switch raw {
                case .double(let d): d
                case .integer(let i): Double(i)
                default: nil
                }
            switch (name, value) {
            case ("manufacturing_kgco2e", let v?) where (0...1_000_000).contains(v):
                config.carbon.embodiedManufacturingKilograms = v
            case ("lifetime_years", let v?) where (0.5...20).contains(v):
                config.carbon.embodiedLifetimeYears = v
            case ("inference_share", let v?) where (0...1).contains(v):
                config.carbon.embodiedInferenceShare = v
            case ("manufacturing_kgco2e", _): return "expected kgCO2e from 0 to 1000000, got \(raw.text)"
            case ("lifetime_years", _): return "expected years from 0.5 to 20, got \(raw.text)"
            case ("inference_share", _): return "expected a share from 0 to 1, got \(raw.text)"
            default: return "unknown key: known keys are manufacturing_kgco2e, lifetime_years, inference_share"
            }
            return nil
        },
        ConfigKey(
            section: "carbon", table: "upstream",
            type: "table: g_per_kwh (number), source (text, required with g_per_kwh), year (integer)",
            help: "What a kWh emits beyond its direct intensity (fuel upstream, plant construction, grid), added to "
                + "each quarter's direct intensity for the lifecycle figure. Default: EcoLogits' French-mix figure "
                + "(Data/factors/lifecycle.csv, an upper bound). With ADEME's Base Empreinte at hand: its "
                + "\"Électricité - mix moyen - consommation\" total minus its combustion part, and its id as source."
        ) { config, name, raw in
            switch (name, raw) {
            case ("g_per_kwh", .double(let v)) where (0...500).contains(v):
                config.carbon.upstreamGramsPerKilowattHour = v
            case ("g_per_kwh", .integer(let v)) where (0...500).contains(v):
                config.carbon.upstreamGramsPerKilowattHour = Double(v)
            case ("source", .string(let text)) where !text.trimmingCharacters(in: .whitespaces).isEmpty:
                config.carbon.upstreamSource = text
            case ("year", .integer(let v)) where (1990...2100).contains(v):
                config.carbon.upstreamYear = Int(v)
            case ("g_per_kwh", _): return "expected gCO2e/kWh from 0 to 500, got \(raw.text)"
            case ("source", _): return "expected the factor's source as text (publication, id, year)"
            case ("year", _): return "expected a year from 1990 to 2100, got \(raw.text)"
            default: return "unknown key: known keys are g_per_kwh, source, year"
            }
            return nil
        },
    ]
}
