import FrugalCore
import FrugalStore

/// Resolved intensities for a contiguous range of quarter hours, looked up in
/// constant time: what converting many intervals uses.
public struct IntensityTimeline: Sendable {
    /// The UTC number of the first quarter held.
    public let firstQuarter: Int64
    /// g/kWh per quarter, from `firstQuarter` on.
    public private(set) var gramsPerKilowattHour: [Double]
    /// Source per quarter.
    public private(set) var sources: [GridIntensitySource]

    public init(firstQuarter: Int64, resolved: [ResolvedIntensity]) {
        self.firstQuarter = firstQuarter
        self.gramsPerKilowattHour = resolved.map(\.gramsPerKilowattHour)
        self.sources = resolved.map(\.source)
    }

    /// Quarters held, from `firstQuarter`.
    public var count: Int { sources.count }

    /// The intensity of quarter number `quarter`; nil outside the range.
    @inline(__always)
    public func intensity(quarter: Int64) -> ResolvedIntensity? {
        let offset = quarter - firstQuarter
        guard offset >= 0, offset < Int64(sources.count) else { return nil }
        return ResolvedIntensity(gramsPerKilowattHour: gramsPerKilowattHour[Int(offset)], source: sources[Int(offset)])
    }

    /// The intensity of the quarter holding `t`; nil outside the range.
    public func intensity(at t: Timestamp) -> ResolvedIntensity? {
        intensity(quarter: QuarterHour.index(t))
    }
}
