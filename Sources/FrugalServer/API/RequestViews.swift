/// JSON bodies of the request routes.

struct RequestView: Encodable, Sendable {
    var id: String
    var host: String
    var tenant: String
    var model: String
    var start: String
    var firstToken: String?
    var end: String
    var promptTokens: Int?
    var completionTokens: Int?
    var status: Int
    /// Absent until an attribution window has priced the request.
    var energy: EnergyView?
    var co2e: CO2eView?
    /// SCI of this request (R = 1), in `/v1/requests/{id}` only: M needs its windows.
    var sci: SCIView?
    var provenance: ProvenanceView
}

struct RequestDetailView: Encodable, Sendable {
    struct DomainShare: Encodable, Sendable {
        var domain: String
        var dynamicJoules: Double
        var idleJoules: Double
    }
    struct Window: Encodable, Sendable {
        var start: String
        var end: String
        var energy: EnergyView
        var intensityGPerKwh: Double
        var intensitySource: String
        var method: String
        var domains: [DomainShare]
    }
    var request: RequestView
    var windows: [Window]
}

struct RequestPageView: Encodable, Sendable {
    var window: WindowView
    var limit: Int
    var requests: [RequestView]
    /// Send it back as `cursor` for the next page; absent on the last page.
    var nextCursor: String?
}

struct EstimateView: Encodable, Sendable {
    struct Spread: Encodable, Sendable {
        var lowFullJoules: Double
        var highFullJoules: Double
        /// `standard_error` (±1.96 SE of the fitted coefficients) or `p10_p90` of measured requests.
        var basis: String
    }
    struct BasedOn: Encodable, Sendable {
        var window: WindowView
        var requests: Int64
        var hosts: [String]
    }
    var model: String
    var promptTokens: Int
    var completionTokens: Int
    /// `coefficients` (fitted J per prefill and decode token) or `per_token_average` (measured history).
    var method: String
    var energy: EnergyView
    var co2e: CO2eView
    var intensityGPerKwh: Double
    var spread: Spread?
    var basedOn: BasedOn
    var provenance: ProvenanceView
}
