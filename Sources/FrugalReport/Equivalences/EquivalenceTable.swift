/// ADEME Impact CO2 comparisons ("km en voiture thermique"), each factor the
/// sum of its life-cycle components as copied in `Data/equivalences/impactco2.csv`.
public struct EquivalenceTable: Sendable {
    /// One comparison: its components and where they come from.
    public struct Item: Sendable, Hashable {
        public var slug: String
        public var label: String
        public var unit: String
        /// kgCO2e per unit, one per life-cycle component (`ecv`).
        public var components: [Double]
        /// The Base Empreinte id, when the Impact CO2 record gives one.
        public var empreinteID: String?
        public var documentation: String
        public var source: String

        /// kgCO2e per unit: the sum of the components, recomputed here.
        public var kilogramsPerUnit: Double { components.reduce(0, +) }
    }

    public let items: [Item]

    /// Parses the CSV (header `slug,label_fr,unit,ecv_id,kgco2e_per_unit,empreinte_id,base_empreinte_doc,source`).
    public init(csv: String) throws {
        var items: [Item] = []
        for (number, line) in csv.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 8, let value = Double(fields[4]) else {
                throw ReportError.badData("equivalences line \(number + 1): expected 8 fields with a number in the 5th")
            }
            if let index = items.firstIndex(where: { $0.slug == fields[0] }) {
                items[index].components.append(value)
            } else {
                items.append(
                    Item(
                        slug: fields[0], label: fields[1], unit: fields[2], components: [value],
                        empreinteID: fields[5].isEmpty ? nil : fields[5], documentation: fields[6], source: fields[7]))
            }
        }
        guard !items.isEmpty else { throw ReportError.badData("equivalences: no rows") }
        self.items = items
    }

    /// The bundled table (a copy of `Data/equivalences/impactco2.csv`).
    public static func bundled() throws -> EquivalenceTable {
        try EquivalenceTable(csv: EmbeddedFiles.equivalencesCSV)
    }

    /// The comparisons for a month's CO2e: lifecycle when known (the factors
    /// are lifecycle ones), else direct.
    public func equivalences(directGrams: Double, lifecycleGrams: Double?) -> [Equivalence] {
        let grams = lifecycleGrams ?? directGrams
        return items.map { item in
            Equivalence(
                slug: item.slug, label: item.label, quantity: grams / 1_000 / item.kilogramsPerUnit,
                kilogramsPerUnit: item.kilogramsPerUnit, fromLifecycle: lifecycleGrams != nil,
                source: citation(item))
        }
    }

    /// The factors, as the annex lists them.
    public var factors: [SourcedFactor] {
        items.map {
            SourcedFactor(name: $0.label, value: $0.kilogramsPerUnit, unit: "kgCO2e/\($0.unit)", source: citation($0))
        }
    }

    private func citation(_ item: Item) -> String {
        let id =
            item.empreinteID.map { "Base Empreinte id \($0)" } ?? "Base Empreinte (pas d'identifiant dans la fiche)"
        return
            "ADEME Impact CO2, « \(item.slug) », somme de \(item.components.count) composantes ; \(id) ; \(item.source)"
    }
}

/// Problems with the report's inputs or tools.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case badData(String)
    case templates(String)
    case missingTool(tool: String, package: String)
    case toolFailed(tool: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .badData(let message): "bad report data: \(message)"
        case .templates(let message): "report templates: \(message)"
        case .missingTool(let tool, let package):
            "\(tool) not found: install the Debian package \(package) (apt-get install \(package)) or put it on PATH"
        case .toolFailed(let tool, let status, let output): "\(tool) failed (status \(status)): \(output)"
        }
    }
}
