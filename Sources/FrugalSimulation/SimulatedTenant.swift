import Foundation
import FrugalCore

/// A caller of the host: a commune, an intercommunalité, a syndicate.
public struct SimulatedTenant: Codable, Sendable, Hashable {
    /// The tenant as the logs name it (`commune-rennes`).
    public var name: String
    /// Its numeric user id in Albert's `usage` table.
    public var userID: Int
    /// Requests per hour at the busiest hour (weight 1 of the profile).
    public var peakRequestsPerHour: Double
    /// Which models it calls, with relative weights.
    public var modelMix: [ModelShare]
    public var promptTokens: TokenLengthDistribution
    public var completionTokens: TokenLengthDistribution
    /// Share of requests sent with `"stream": true`.
    public var streamingShare: Double
    public var profile: DiurnalProfile

    public init(
        name: String, userID: Int, peakRequestsPerHour: Double, modelMix: [ModelShare],
        promptTokens: TokenLengthDistribution = .chatPrompt,
        completionTokens: TokenLengthDistribution = .chatCompletion,
        streamingShare: Double = 0.6, profile: DiurnalProfile = .frenchOffice
    ) {
        self.name = name
        self.userID = userID
        self.peakRequestsPerHour = peakRequestsPerHour
        self.modelMix = modelMix
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.streamingShare = streamingShare
        self.profile = profile
    }
}

/// One model a tenant calls, with its relative weight.
public struct ModelShare: Codable, Sendable, Hashable {
    public var model: String
    public var weight: Double

    public init(model: String, weight: Double) {
        self.model = model
        self.weight = weight
    }
}

/// A log-normal token count: `exp(ln(median) + σ·z)`, rounded, clamped to
/// `[1, maximum]`. Chat prompts and answers are right-skewed like this.
public struct TokenLengthDistribution: Codable, Sendable, Hashable {
    public var median: Double
    /// σ of the logarithm.
    public var sigma: Double
    public var maximum: Int

    public init(median: Double, sigma: Double, maximum: Int) {
        self.median = median
        self.sigma = sigma
        self.maximum = maximum
    }

    /// Prompts with a system prompt and some retrieved context: median 600.
    public static let chatPrompt = TokenLengthDistribution(median: 600, sigma: 0.9, maximum: 16_000)
    /// Answers: median 300 (ML.ENERGY's lm-arena-chat averages ~390 output
    /// tokens for Llama-3.1-8B; the mean of this one is 300·e^(0.8²/2) ≈ 414).
    public static let chatCompletion = TokenLengthDistribution(median: 300, sigma: 0.8, maximum: 4_096)

    func draw(using random: inout SplitMix64) -> Int {
        let value = exp(log(median) + sigma * random.gaussian()).rounded()
        return Int(min(max(value, 1), Double(maximum)))
    }
}

/// Relative request rate per local hour (Europe/Paris), weekdays and
/// weekends; 1 is the tenant's peak.
public struct DiurnalProfile: Codable, Sendable, Hashable {
    /// 24 weights, local hour 0 to 23, Monday to Friday.
    public var weekdayWeights: [Double]
    /// 24 weights for Saturday and Sunday.
    public var weekendWeights: [Double]

    public init(weekdayWeights: [Double], weekendWeights: [Double]) {
        precondition(weekdayWeights.count == 24 && weekendWeights.count == 24, "a profile has 24 hourly weights")
        self.weekdayWeights = weekdayWeights
        self.weekendWeights = weekendWeights
    }

    /// Town-hall office hours: busy 9h–18h with a lunch dip (12h–14h), quiet
    /// nights (3 %) and weekends (under 10 %).
    public static let frenchOffice = DiurnalProfile(
        weekdayWeights: [
            0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.05, 0.15, 0.5, 1.0, 1.0, 0.95,
            0.55, 0.65, 1.0, 1.0, 0.95, 0.8, 0.4, 0.2, 0.12, 0.1, 0.07, 0.05,
        ],
        weekendWeights: [
            0.02, 0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.03, 0.05, 0.08, 0.09, 0.09,
            0.07, 0.07, 0.08, 0.08, 0.08, 0.07, 0.06, 0.05, 0.05, 0.04, 0.03, 0.02,
        ])

    /// The same rate at every hour (for tests and steady-load benchmarks).
    public static let flat = DiurnalProfile(
        weekdayWeights: Array(repeating: 1, count: 24), weekendWeights: Array(repeating: 1, count: 24))

    /// The weight of the Europe/Paris hour holding `time` (summer time by the EU rule).
    func weight(at time: Timestamp) -> Double {
        let local = EuropeParis.local(time)
        let hour = Int(local.secondOfDay / 3_600)
        return local.date.weekday >= 5 ? weekendWeights[hour] : weekdayWeights[hour]
    }
}
