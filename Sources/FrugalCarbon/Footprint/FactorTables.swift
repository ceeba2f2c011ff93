/// The factor tables of `Data/factors`, compiled in (see `Data/embed.py`),
/// read as rows of named cells.
public enum FactorTables {
    /// Rows of a CSV with a header: each a dictionary from column name to cell.
    /// Quoted cells may hold commas; `""` inside quotes is a quote.
    static func rows(_ text: String) -> [[String: String]] {
        let lines = text.split(separator: "\n").map(cells)
        guard let header = lines.first else { return [] }
        return lines.dropFirst().map { row in
            Dictionary(zip(header, row).map { ($0, $1) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            switch (c, quoted) {
            case ("\"", true):
                quoted = false
            case ("\"", false):
                if current.isEmpty { quoted = true } else { current.append(c) }
            case (",", false):
                cells.append(current)
                current = ""
            default:
                current.append(c)
            }
        }
        cells.append(current)
        return cells
    }
}

/// A factor with its provenance, as every figure shown says where it came from.
public struct CarbonFactor: Hashable, Sendable {
    /// Grams of CO2e per kWh.
    public var gramsPerKilowattHour: Double
    /// Its key in `Data/factors`.
    public var key: String
    /// The year the value describes or was published.
    public var year: Int?
    /// Where it comes from (publication, file, version).
    public var source: String

    public init(gramsPerKilowattHour: Double, key: String, year: Int?, source: String) {
        self.gramsPerKilowattHour = gramsPerKilowattHour
        self.key = key
        self.year = year
        self.source = source
    }

    /// The emissions of French grid electricity that its direct intensity
    /// leaves out (upstream, infrastructure), from `Data/factors/lifecycle.csv`:
    /// the adder of `LifecycleIntensity.france`.
    public static let franceUpstream: CarbonFactor = {
        let row = FactorTables.rows(FactorTables.lifecycleCSV).first { $0["key"] == "fr_grid_upstream_ecologits" }!
        return CarbonFactor(
            gramsPerKilowattHour: Double(row["g_co2e_per_kwh"]!)!, key: row["key"]!, year: Int(row["year"] ?? ""),
            source: row["source"]!)
    }()
}
