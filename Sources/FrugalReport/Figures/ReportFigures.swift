import FrugalCore

/// Every number the monthly report shows, computed once by `ReportBuilder`;
/// the HTML, PDF, JSON, CSV and BoAmps outputs only format it. Energies are
/// exact integers (`Energy`); carbon masses are grams of CO2e.
public struct ReportFigures: Sendable, Codable {
    public var month: ReportMonth
    /// The tenant the report is restricted to; nil for everything.
    public var tenant: String?
    /// The host the report is restricted to; nil for every host of the store
    /// (a fleet database: the headline is the fleet total).
    public var host: String?
    public var generatedAt: Timestamp
    /// The part of the month with data so far: the month itself, or up to `generatedAt`.
    public var periodEnd: Timestamp
    public var headline: Headline
    /// The month before, when the store has data for it.
    public var previousMonth: MonthTotals?
    /// The same month a year before, when the store has data for it.
    public var sameMonthLastYear: MonthTotals?
    /// Per model, most energy first; each line is dynamic + allocated idle energy.
    public var models: [UsageLine]
    /// Per tenant (commune), most energy first.
    public var tenants: [UsageLine]
    /// Per host (server), most energy first: their sum is the attributed
    /// part of the headline.
    public var hosts: [UsageLine]
    /// The twelve months ending with this one, oldest first (months without data included, flagged).
    public var trend: [MonthTotals]
    /// Each day of the month (Paris time).
    public var days: [DayLine]
    public var comparison: [EstimateComparison]
    public var coverage: Coverage
    public var equivalences: [Equivalence]
    public var recommendations: [Recommendation]
    /// Every factor the figures used, with its source.
    public var factors: [SourcedFactor]

    /// Whether the month has any data at all (an empty month still renders, saying so).
    public var hasData: Bool { headline.requests > 0 || headline.energy.microjoules > 0 }
}

/// The first page's figures.
public struct Headline: Sendable, Codable, Hashable {
    /// What the report counts: the hosts' measured energy (every counted
    /// domain, idle included), or with a tenant filter that tenant's full cost.
    public var energy: Energy
    /// The part of `energy` attributed to requests (dynamic + allocated idle).
    public var attributedEnergy: Energy
    /// Direct emissions: each quarter's energy × that quarter's grid intensity.
    public var co2eDirectGrams: Double
    /// Lifecycle emissions (energy × lifecycle factor); nil when no factor is known.
    public var co2eLifecycleGrams: Double?
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    /// Relative change of `energy` against the previous month (0.1 = +10 %).
    public var energyChangeVsPrevious: Double?
    public var co2eChangeVsPrevious: Double?
    public var requestsChangeVsPrevious: Double?
    public var energyChangeVsLastYear: Double?
}

/// A month's totals, for comparisons and the trend.
public struct MonthTotals: Sendable, Codable, Hashable {
    public var month: ReportMonth
    public var requests: Int64
    /// Counted as in `Headline.energy`.
    public var energy: Energy
    public var co2eDirectGrams: Double
    public var hasData: Bool
}

/// One row of the per-model or per-tenant table.
public struct UsageLine: Sendable, Codable, Hashable {
    public var name: String
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    /// Dynamic + allocated idle energy of the requests.
    public var energy: Energy
    public var co2eDirectGrams: Double
    /// Share of the attributed energy of the month.
    public var energyShare: Double

    public var tokens: Int64 { promptTokens + completionTokens }
    /// Wh per request; nil without requests.
    public var wattHoursPerRequest: Double? {
        requests > 0 ? energy.kilowattHours * 1_000 / Double(requests) : nil
    }
    /// Wh per 1,000 tokens (prompt + completion); nil without tokens.
    public var wattHoursPerThousandTokens: Double? {
        tokens > 0 ? energy.kilowattHours * 1_000_000 / Double(tokens) : nil
    }
}

/// One day of the month.
public struct DayLine: Sendable, Codable, Hashable {
    public var day: Int
    /// 0 = lundi … 6 = dimanche.
    public var weekday: Int
    public var energy: Energy
    public var requests: Int64
    public var co2eDirectGrams: Double
    /// Mean grid intensity of the day's quarters with a value (g/kWh); nil when none.
    public var meanIntensityGramsPerKilowattHour: Double?
}

/// Our measure beside the estimates for one model.
public struct EstimateComparison: Sendable, Codable, Hashable {
    public var model: String
    public var requests: Int64
    /// Measured full cost per request (Wh).
    public var measuredWattHoursPerRequest: Double?
    /// An EcoLogits-style estimate per request (Wh); nil when the model is not in the catalogue.
    public var ecoLogitsWattHoursPerRequest: Double?
    /// Share of the model's requests carrying the gateway's (Albert's) own
    /// estimate (in the sampled quarters); nil without any.
    public var gatewayEstimatedShare: Double?
    /// The gateway's estimate per request, min and max (Wh), over the requests carrying one.
    public var gatewayWattHoursPerRequestMin: Double?
    public var gatewayWattHoursPerRequestMax: Double?
    /// The gateway's CO2e estimate per request, min and max (g).
    public var gatewayCO2eGramsPerRequestMin: Double?
    public var gatewayCO2eGramsPerRequestMax: Double?
    public var gatewayMethods: String
}
