/// One quarter hour of the grid's carbon intensity as read from an eCO2mix
/// file or API response: its UTC start and RTE's `taux_co2` (gCO2/kWh,
/// direct emissions of French production).
public struct GridPoint: Hashable, Sendable {
    /// Start of the quarter hour, nanoseconds since the Unix epoch (UTC),
    /// aligned to :00, :15, :30 or :45.
    public var quarterStartNanoseconds: Int64
    /// `taux_co2`, grams of CO2 per kWh.
    public var gramsPerKilowattHour: Double
    /// What RTE says the value is (`nature`): real time or consolidated.
    public var nature: GridDataNature

    public init(quarterStartNanoseconds: Int64, gramsPerKilowattHour: Double, nature: GridDataNature) {
        self.quarterStartNanoseconds = quarterStartNanoseconds
        self.gramsPerKilowattHour = gramsPerKilowattHour
        self.nature = nature
    }
}

/// eCO2mix publishes real-time values (`Données temps réel`), then replaces
/// them with consolidated (`Données consolidées`) and definitive
/// (`Données définitives`) ones.
public enum GridDataNature: String, Hashable, Sendable {
    case realTime = "real_time"
    case consolidated

    /// From a `nature` / `Nature` cell; consolidated and definitive both count
    /// as consolidated, anything else as real time.
    public init(cell: Substring) {
        let folded = TextFolding.fold(cell)
        self = folded.contains("consolid") || folded.contains("definiti") ? .consolidated : .realTime
    }
}

/// A row that gave no value, and why. Counted, never fatal.
public struct GridParseProblem: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// `ND` or an empty cell: RTE had no value for that step.
        case missingValue = "missing_value"
        /// A timestamp or value that does not parse.
        case malformed
        /// A local time in the hour skipped at the spring change.
        case nonexistentLocalTime = "nonexistent_local_time"
        /// A timestamp not on a quarter-hour boundary.
        case offGrid = "off_grid"
        /// A second value for a quarter already read, different from the first (the first is kept).
        case conflictingDuplicate = "conflicting_duplicate"
    }

    public var kind: Kind
    /// 1-based line (CSV) or record index (JSON).
    public var line: Int
    public var detail: String

    public init(kind: Kind, line: Int, detail: String) {
        self.kind = kind
        self.line = line
        self.detail = detail
    }
}

/// What a parser read: values sorted by quarter, one per quarter, and the
/// rows that gave none.
public struct GridParseResult: Hashable, Sendable {
    public var format: GridFileFormat
    public var points: [GridPoint]
    public var problems: [GridParseProblem]
    /// Rows that repeated a quarter with the same value (dropped silently, counted).
    public var duplicateRows: Int

    public init(format: GridFileFormat, points: [GridPoint], problems: [GridParseProblem], duplicateRows: Int = 0) {
        self.format = format
        self.points = points
        self.problems = problems
        self.duplicateRows = duplicateRows
    }

    /// Problems per kind.
    public var problemCounts: [GridParseProblem.Kind: Int] {
        problems.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
}

/// The three shapes eCO2mix data come in.
public enum GridFileFormat: String, Hashable, Sendable, CaseIterable {
    /// ODRÉ Explore API v2.1 JSON (`results`), v1 (`records[].fields`) or a bare array of records.
    case odreJSON = "odre-json"
    /// ODRÉ CSV export: `;`-separated, API field names, `date_heure` with its offset.
    case odreCSV = "odre-csv"
    /// RTE's eCO2mix download (CSV or "XLS" that is tab-separated text, often
    /// Latin-1): `Date` + `Heures` in Paris local time, `ND` for missing values.
    case rteDownload = "rte-download"
}
