import FrugalCore

/// The cost API's reads, written once for both dialects (`SQLDialect`): the
/// SQL text, its parameters, and the decoding of its rows into records.
/// `StoreEngine` runs them on a host's SQLite file; FrugalFleet's
/// `PostgresStore` runs the same text on the fleet database, so a host's
/// figures come out identical from either.
public enum CostSQL {
    static let microjoulesPerKWh = 3.6e12

    // MARK: usage

    /// `usage_quarter` summed per key and quarter, with the quarter's stored
    /// intensity. Only integers are summed in SQL: the engines add floats in
    /// different orders and precisions, so CO2e is energy × intensity per
    /// quarter, added up by `UsageFold` in the rows' order.
    /// Parameters: `costParameters`.
    public static func usage(by grouping: UsageGrouping, _ d: SQLDialect) -> String {
        let column = "u.\(grouping.rawValue)"
        return d.statement(
            """
            SELECT \(column), g.source, \(d.integerSum("u.requests")), \(d.integerSum("u.prompt_tokens")),
                   \(d.integerSum("u.completion_tokens")), \(d.integerSum("u.dynamic_uj")),
                   \(d.integerSum("u.idle_uj")), g.g_per_kwh, u.quarter_start_ns
            FROM usage_quarter u
            LEFT JOIN grid_intensity g ON g.zone = ?1 AND g.quarter_start_ns = u.quarter_start_ns
            WHERE u.quarter_start_ns >= ?2 AND u.quarter_start_ns < ?3
              AND (CAST(?4 AS TEXT) IS NULL OR u.host = ?4) AND (CAST(?5 AS TEXT) IS NULL OR u.model = ?5)
              AND (CAST(?6 AS TEXT) IS NULL OR u.tenant = ?6)
            GROUP BY \(column), u.quarter_start_ns, g.source, g.g_per_kwh
            ORDER BY \(column)\(d.binary), g.source\(d.binary) NULLS FIRST, u.quarter_start_ns
            """)
    }

    /// Each key's non-empty `cost_histogram` blobs (merged by the reader, in any order).
    public static func costHistograms(by grouping: UsageGrouping, _ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT u.\(grouping.rawValue), u.cost_histogram FROM usage_quarter u
            WHERE u.quarter_start_ns >= ?2 AND u.quarter_start_ns < ?3 AND ?1 = ?1
              AND (CAST(?4 AS TEXT) IS NULL OR u.host = ?4) AND (CAST(?5 AS TEXT) IS NULL OR u.model = ?5)
              AND (CAST(?6 AS TEXT) IS NULL OR u.tenant = ?6)
              AND length(u.cost_histogram) > 0
            """)
    }

    /// The zone, window and filters of `query`, as ?1…?6.
    public static func costParameters(_ query: CostQuery) -> [SQLValue] {
        [
            .text(query.zone), .integer(query.from.nanosecondsSinceEpoch), .integer(query.to.nanosecondsSinceEpoch),
            .text(query.host), .text(query.model), .text(query.tenant),
        ]
    }

    /// Folds `usage` rows, in their order, into one summary per key.
    public struct UsageFold {
        public private(set) var summaries: [UsageSummary] = []

        public init() {}

        /// Adds one quarter of one key. Quarters priced by the feed (live,
        /// consolidated) are summed into one share per source; the others stay
        /// one share per quarter, for the reader to resolve.
        public mutating func add(_ row: some SQLRow) {
            let key = row.text(at: 0)
            let source = row.optionalText(at: 1)
            let dynamic = Energy(microjoules: row.int64(at: 5))
            let idle = Energy(microjoules: row.int64(at: 6))
            let grams = row.optionalDouble(at: 7) ?? 0
            let feed = IntensityShare.isFeed(source)
            let share = IntensityShare(
                source: source,
                quarterStart: feed ? nil : Timestamp(nanosecondsSinceEpoch: row.int64(at: 8)),
                energy: dynamic + idle, dynamic: dynamic,
                co2eGrams: Double((dynamic + idle).microjoules) * grams / CostSQL.microjoulesPerKWh,
                dynamicCo2eGrams: Double(dynamic.microjoules) * grams / CostSQL.microjoulesPerKWh)
            if summaries.last?.key != key {
                summaries.append(
                    UsageSummary(
                        key: key, requests: 0, promptTokens: 0, completionTokens: 0, dynamic: .zero, idle: .zero,
                        intensity: [], costHistograms: []))
            }
            let last = summaries.count - 1
            summaries[last].requests += row.int64(at: 2)
            summaries[last].promptTokens += row.int64(at: 3)
            summaries[last].completionTokens += row.int64(at: 4)
            summaries[last].dynamic += dynamic
            summaries[last].idle += idle
            if feed, let previous = summaries[last].intensity.indices.last,
                summaries[last].intensity[previous].source == source
            {
                summaries[last].intensity[previous].absorb(share)
            } else {
                summaries[last].intensity.append(share)
            }
        }

        /// Gives each summary its key's `costHistograms` rows (`[key, blob]`).
        public mutating func attach(_ histograms: [String: [[UInt8]]]) {
            for index in summaries.indices { summaries[index].costHistograms = histograms[summaries[index].key] ?? [] }
        }
    }

    // MARK: models

    /// Every model with usage or fitted coefficients (no parameters).
    public static let knownModels =
        "SELECT DISTINCT model FROM usage_quarter UNION SELECT model FROM model_coefficients"

    /// The fitted coefficients of model ?1 on every host (all models when NULL).
    public static func coefficients(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT host, model, fitted_at_ns, prefill_uj_per_token, decode_uj_per_token, prefill_se_uj_per_token,
                   decode_se_uj_per_token, decode_batch_exponent, r_squared, intervals
            FROM model_coefficients WHERE CAST(?1 AS TEXT) IS NULL OR model = ?1
            ORDER BY model\(d.binary), host\(d.binary)
            """)
    }

    public static func coefficients(_ row: some SQLRow) -> StoredModelCoefficients {
        StoredModelCoefficients(
            host: row.text(at: 0), model: row.text(at: 1), fittedAt: Timestamp(nanosecondsSinceEpoch: row.int64(at: 2)),
            prefillMicrojoulesPerToken: row.int64(at: 3), decodeMicrojoulesPerToken: row.int64(at: 4),
            prefillStandardErrorMicrojoules: row.optionalInt64(at: 5),
            decodeStandardErrorMicrojoules: row.optionalInt64(at: 6), decodeBatchExponent: row.double(at: 7),
            rSquared: row.optionalDouble(at: 8), intervals: row.int64(at: 9))
    }

    // MARK: grid intensity

    /// Stored intensities of zone ?1 for quarters starting in [?2, ?3), oldest first.
    public static func gridIntensity(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT quarter_start_ns, g_per_kwh, source, fetched_at_ns FROM grid_intensity
            WHERE zone = ?1 AND quarter_start_ns >= ?2 AND quarter_start_ns < ?3 ORDER BY quarter_start_ns
            """)
    }

    /// A `grid_intensity` row from columns `offset…offset+3`; nil for an unknown source.
    public static func gridRow(_ row: some SQLRow, zone: String, offset: Int32 = 0) -> GridIntensityRow? {
        guard let source = GridIntensitySource(rawValue: row.text(at: offset + 2)) else { return nil }
        return GridIntensityRow(
            zone: zone, quarterStart: Timestamp(nanosecondsSinceEpoch: row.int64(at: offset)),
            gramsPerKilowattHour: row.double(at: offset + 1), source: source,
            fetchedAt: Timestamp(nanosecondsSinceEpoch: row.int64(at: offset + 3)))
    }

    /// `usage_quarter` rows of quarters in [?2, ?3) (host ?4, or all), with zone ?1's stored intensity.
    public static func quarterEnergy(_ d: SQLDialect) -> String {
        d.statement(
            """
            SELECT u.host, u.quarter_start_ns, u.model, u.tenant, u.requests, u.prompt_tokens, u.completion_tokens,
                   u.dynamic_uj, u.idle_uj, g.g_per_kwh, g.source
            FROM usage_quarter u
            LEFT JOIN grid_intensity g ON g.zone = ?1 AND g.quarter_start_ns = u.quarter_start_ns
            WHERE u.quarter_start_ns >= ?2 AND u.quarter_start_ns < ?3 AND (CAST(?4 AS TEXT) IS NULL OR u.host = ?4)
            ORDER BY u.quarter_start_ns, u.host\(d.binary), u.model\(d.binary), u.tenant\(d.binary)
            """)
    }

    public static func quarterEnergy(_ row: some SQLRow) -> QuarterEnergyIntensity {
        let source = row.optionalText(at: 10).flatMap(GridIntensitySource.init(rawValue:))
        return QuarterEnergyIntensity(
            host: row.text(at: 0), quarterStart: Timestamp(nanosecondsSinceEpoch: row.int64(at: 1)),
            model: row.text(at: 2), tenant: row.text(at: 3), requests: row.int64(at: 4),
            promptTokens: row.int64(at: 5), completionTokens: row.int64(at: 6),
            dynamic: Energy(microjoules: row.int64(at: 7)), idle: Energy(microjoules: row.int64(at: 8)),
            gramsPerKilowattHour: source == nil ? nil : row.double(at: 9), source: source)
    }
}
