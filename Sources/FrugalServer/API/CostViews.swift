import FrugalCore

/// JSON bodies of the cost API. Keys are snake_case with their unit
/// (`full_joules`, `direct_grams`, `intensity_g_per_kwh`); instants are RFC 3339.

struct WindowView: Encodable, Sendable {
    var from: String
    var to: String
}

struct EnergyView: Encodable, Sendable {
    var dynamicJoules: Double
    var idleJoules: Double
    var fullJoules: Double

    /// `scale` × the stored parts (1 / requests, 1,000 / tokens); full = dynamic + idle.
    init(dynamic: Energy, idle: Energy, scale: Double = 1) {
        dynamicJoules = dynamic.joules * scale
        idleJoules = idle.joules * scale
        fullJoules = (dynamic + idle).joules * scale
    }
}

/// An intensity and where it came from (a quarter's, the static fallback, the lifecycle factor).
struct IntensityView: Encodable, Sendable {
    var intensityGPerKwh: Double
    var source: String
}

struct CO2eView: Encodable, Sendable {
    /// Energy × PUE × the intensity of each quarter (the feed's, else the resolver's fallbacks).
    var directGrams: Double
    /// Direct grams plus energy × PUE × the upstream adder; absent when `[carbon] lifecycle = false`.
    var lifecycleGrams: Double?
}

/// Green Software Foundation SCI = (E·I + M) / R, with its boundary.
struct SCIView: Encodable, Sendable {
    /// What E covers and the PUE applied, in words.
    var boundary: String
    /// `components` (RAPL/NVML domains) or `node` (a whole-node meter).
    var scope: String
    var pue: Double
    /// `configured` (`[carbon.embodied]`) or `not_configured` (M = 0).
    var embodied: String
    /// E: attributed energy (dynamic + allocated idle) × PUE, joules.
    var energyJoules: Double
    /// E·I, grams.
    var operationalGrams: Double
    /// M, grams.
    var embodiedGrams: Double
    /// (E·I + M) / R; null without requests.
    var gramsPerRequest: Double?
    /// (E·I + M) per 1,000 tokens (prompt + completion); null without tokens.
    var gramsPerThousandTokens: Double?

    enum CodingKeys: String, CodingKey {
        case boundary, scope, pue, embodied, energyJoules, operationalGrams, embodiedGrams, gramsPerRequest
        case gramsPerThousandTokens
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(boundary, forKey: .boundary)
        try container.encode(scope, forKey: .scope)
        try container.encode(pue, forKey: .pue)
        try container.encode(embodied, forKey: .embodied)
        try container.encode(energyJoules, forKey: .energyJoules)
        try container.encode(operationalGrams, forKey: .operationalGrams)
        try container.encode(embodiedGrams, forKey: .embodiedGrams)
        try container.encode(gramsPerRequest, forKey: .gramsPerRequest)
        try container.encode(gramsPerThousandTokens, forKey: .gramsPerThousandTokens)
    }
}

struct IntensityShareView: Encodable, Sendable {
    var source: String
    var energyShare: Double
}

struct ProvenanceView: Encodable, Sendable {
    /// `measured` (attributed from power counters), `estimated`, or `none` (nothing attributed yet).
    var energy: String
    /// The intensity sources that priced the energy, with their share of it.
    var intensity: [IntensityShareView]
    /// Key of the upstream adder; absent when `[carbon] lifecycle = false`.
    var lifecycleFactor: String?
    /// How energy is split between prompt and completion tokens.
    var tokenSplit: String?
    /// What the energy covers and the PUE applied to CO2e (`SCIBoundary.statement`).
    var boundary: String
    /// Whether `[carbon.embodied]` is counted in SCI: `configured` or `not_configured`.
    var embodied: String
}

struct FigureView: Encodable, Sendable {
    var energy: EnergyView
    var co2e: CO2eView
}

struct PerRequestView: Encodable, Sendable {
    var energy: EnergyView
    var co2e: CO2eView
    var fullJoulesP50: Double?
    var fullJoulesP90: Double?
    /// Green Software Foundation SCI per request: (E·I + M) / R, grams (`sci.grams_per_request`).
    var sciGrams: Double
}

/// One model's or one tenant's cost over a window.
struct CostSummaryView: Encodable, Sendable {
    /// `model` or `tenant`: the JSON key of `name`.
    var keyName: String
    var name: String
    var window: WindowView
    var requests: Int64
    var promptTokens: Int64
    var completionTokens: Int64
    var total: FigureView
    var perRequest: PerRequestView?
    var per1kPromptTokens: FigureView?
    var per1kCompletionTokens: FigureView?
    var sci: SCIView
    var provenance: ProvenanceView

    enum CodingKeys: String, CodingKey {
        case window, requests, promptTokens, completionTokens, total, perRequest, sci, provenance
        case per1kPromptTokens = "per1kPromptTokens"
        case per1kCompletionTokens = "per1kCompletionTokens"
    }

    struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var named = encoder.container(keyedBy: NameKey.self)
        try named.encode(name, forKey: NameKey(stringValue: keyName))
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(window, forKey: .window)
        try container.encode(requests, forKey: .requests)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(total, forKey: .total)
        try container.encode(perRequest, forKey: .perRequest)
        try container.encode(per1kPromptTokens, forKey: .per1kPromptTokens)
        try container.encode(per1kCompletionTokens, forKey: .per1kCompletionTokens)
        try container.encode(sci, forKey: .sci)
        try container.encode(provenance, forKey: .provenance)
    }
}

struct ModelListView: Encodable, Sendable {
    var window: WindowView
    var models: [CostSummaryView]
}

struct TenantListView: Encodable, Sendable {
    var window: WindowView
    var tenants: [CostSummaryView]
}

struct HostListView: Encodable, Sendable {
    struct Book: Encodable, Sendable {
        var measuredJoules: Double
        var idleJoules: Double
        var attributedJoules: Double
        var unattributedJoules: Double
    }
    struct DomainView: Encodable, Sendable {
        var domain: String
        var kind: String
        /// False for domains inside another (RAPL sub-zones): not added to the host's total.
        var counted: Bool
        var energy: Book
    }
    struct HostView: Encodable, Sendable {
        var name: String
        var firstSeen: String?
        var lastSeen: String?
        var windows: Int64
        var latestWindowEnd: String?
        var energy: Book
        var domains: [DomainView]
        var provenance: String
    }
    var window: WindowView
    var hosts: [HostView]
}

struct GridView: Encodable, Sendable {
    struct Quarter: Encodable, Sendable {
        var start: String
        var intensityGPerKwh: Double
        var source: String
    }
    var zone: String
    var window: WindowView
    var quarters: [Quarter]
    var fallback: IntensityView
    var lifecycle: IntensityView
}

struct HealthView: Encodable, Sendable {
    var status: String
    var schemaVersion: Int?
}
