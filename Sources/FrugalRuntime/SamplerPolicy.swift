import FrugalCore

/// The sampler's settings.
public struct SamplerPolicy: Hashable, Sendable {
    /// How often every domain is read (1 s by default, 100 ms at the fastest).
    public var interval: Duration
    /// The most any one domain can draw: bounds plausible wraps and tells
    /// when an interval is long enough for two wraps.
    public var maxDomainPower: Power
    /// Power-only sensors further apart than this are a gap, not a trapezoid.
    public var longestPowerGap: Duration
    /// How many ticks between two discoveries (zones appearing at run time).
    public var rediscoverEveryTicks: Int

    public init(
        interval: Duration = .seconds(1), maxDomainPower: Power = Power(watts: 5_000),
        longestPowerGap: Duration? = nil, rediscoverEveryTicks: Int = 60
    ) {
        self.interval = interval
        self.maxDomainPower = maxDomainPower
        self.longestPowerGap = longestPowerGap ?? max(interval * 3, .seconds(3))
        self.rediscoverEveryTicks = rediscoverEveryTicks
    }
}
