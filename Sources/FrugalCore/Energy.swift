/// An amount of energy, held as an integer number of microjoules.
///
/// Integers keep attribution exact: sums of parts equal the whole to the
/// microjoule, which floating point cannot promise. 2^63 µJ is about 9.2 TJ,
/// more than a thousand GPU-years at 300 W, so overflow is a programmer error.
public struct Energy: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var microjoules: Int64

    public init(microjoules: Int64) { self.microjoules = microjoules }
    public init(millijoules: Int64) { self.microjoules = millijoules * 1_000 }
    /// Rounds to the nearest microjoule; use only at the edges (input, display).
    public init(joules: Double) { self.microjoules = Int64((joules * 1e6).rounded()) }

    public static let zero = Energy(microjoules: 0)

    public var joules: Double { Double(microjoules) / 1e6 }
    public var kilowattHours: Double { Double(microjoules) / 3.6e12 }

    public static func + (a: Energy, b: Energy) -> Energy { Energy(microjoules: a.microjoules + b.microjoules) }
    public static func - (a: Energy, b: Energy) -> Energy { Energy(microjoules: a.microjoules - b.microjoules) }
    public static func += (a: inout Energy, b: Energy) { a.microjoules += b.microjoules }
    public static func -= (a: inout Energy, b: Energy) { a.microjoules -= b.microjoules }
    public static func < (a: Energy, b: Energy) -> Bool { a.microjoules < b.microjoules }

    /// Average power over `duration`; nil for a zero or negative duration.
    public func averagePower(over duration: Duration) -> Power? {
        let ns = duration.nanoseconds
        guard ns > 0 else { return nil }
        // µJ / ns = 1e9 µW/s·s… : P[µW] = E[µJ] · 1e9 / t[ns]
        let (high, low) = microjoules.multipliedFullWidth(by: 1_000_000_000)
        let (quotient, remainder) = ns.dividingFullWidth((high, low))
        let rounded = 2 * remainder.magnitude >= ns.magnitude ? quotient + (microjoules >= 0 ? 1 : -1) : quotient
        return Power(microwatts: rounded)
    }

    public var description: String { "\(microjoules) µJ" }
}

extension Sequence where Element == Energy {
    public func sum() -> Energy { reduce(.zero, +) }
}
