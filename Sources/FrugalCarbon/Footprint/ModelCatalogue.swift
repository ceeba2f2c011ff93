import FrugalCore
import FrugalSimulation

/// Parameter counts of common models (`Data/factors/models.csv`, from
/// EcoLogits 0.11.3's `models.json`), for the EcoLogits-style estimate that
/// reports show beside the measured figure ("estimé" vs "mesuré").
public struct ModelCatalogue: Sendable {
    public struct Entry: Hashable, Sendable {
        public var model: String
        /// Billions of parameters in all.
        public var totalParametersBillions: Double
        /// Billions active per token (= total for dense models).
        public var activeParametersBillions: Double
        public var source: String
    }

    private let byName: [String: Entry]

    /// The catalogue compiled into Frugal.
    public static let bundled = ModelCatalogue(
        entries: FactorTables.rows(FactorTables.modelsCSV).compactMap { row in
            guard let model = row["model"], let total = row["total_parameters_billions"].flatMap(Double.init),
                let active = row["active_parameters_billions"].flatMap(Double.init)
            else { return nil }
            return Entry(
                model: model, totalParametersBillions: total, activeParametersBillions: active,
                source: row["source"] ?? "")
        })

    public init(entries: [Entry]) {
        var byName: [String: Entry] = [:]
        for entry in entries {
            let name = entry.model.lowercased()
            byName[name] = byName[name] ?? entry
            // Gateways often serve "Mistral-7B-Instruct-v0.3" without the organisation.
            if let short = name.split(separator: "/").last.map(String.init) {
                byName[short] = byName[short] ?? entry
                // Meta renamed its repositories: "Meta-Llama-3.1-8B-Instruct" is now "Llama-3.1-8B-Instruct".
                if short.hasPrefix("meta-llama-") {
                    let renamed = String(short.dropFirst("meta-".count))
                    byName[renamed] = byName[renamed] ?? entry
                }
            }
        }
        self.byName = byName
    }

    /// The entry for a served model name (case-insensitive, with or without its organisation).
    public func entry(for model: String) -> Entry? {
        let name = model.lowercased()
        return byName[name] ?? name.split(separator: "/").last.flatMap { byName[String($0)] }
    }

    /// EcoLogits' latency regression (0.11.3, `ecologits/impacts/llm.py`):
    /// seconds per output token = 6.785e-4·P + 3.119e-4·B + 1.947e-2, B = 64.
    public static func estimatedLatencySeconds(activeParametersBillions p: Double, completionTokens: Int64) -> Double {
        let perToken = 0.0006785088094353663 * p + 0.0003119310311688259 * 64 + 0.019473717579473387
        return perToken * Double(completionTokens)
    }

    /// The EcoLogits-style energy of one request (`EcoLogitsEstimate`, the
    /// formula the simulator's Albert logs use); nil for a model outside the
    /// catalogue. `latencySeconds` nil: EcoLogits' own latency regression.
    public func estimatedEnergy(model: String, completionTokens: Int64, latencySeconds: Double? = nil) -> Energy? {
        entry(for: model).map {
            estimatedEnergy(entry: $0, completionTokens: completionTokens, latencySeconds: latencySeconds)
        }
    }

    func estimatedEnergy(entry: Entry, completionTokens: Int64, latencySeconds: Double?) -> Energy {
        let latency =
            latencySeconds
            ?? Self.estimatedLatencySeconds(
                activeParametersBillions: entry.activeParametersBillions, completionTokens: completionTokens)
        let kilowattHours = EcoLogitsEstimate.kilowattHours(
            parameterBillions: entry.activeParametersBillions, completionTokens: Int(completionTokens),
            latencySeconds: latency)
        return Energy(joules: kilowattHours * 3.6e6)
    }
}
