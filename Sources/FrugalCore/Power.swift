/// A power, held as an integer number of microwatts (the hwmon and powercap unit).
public struct Power: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var microwatts: Int64

    public init(microwatts: Int64) { self.microwatts = microwatts }
    public init(milliwatts: Int64) { self.microwatts = milliwatts * 1_000 }
    /// Rounds to the nearest microwatt; use only at the edges (input, display).
    public init(watts: Double) { self.microwatts = Int64((watts * 1e6).rounded()) }

    public static let zero = Power(microwatts: 0)

    public var watts: Double { Double(microwatts) / 1e6 }

    public static func < (a: Power, b: Power) -> Bool { a.microwatts < b.microwatts }
    public static func + (a: Power, b: Power) -> Power { Power(microwatts: a.microwatts + b.microwatts) }

    /// Energy drawn at this power for `duration`, rounded to the nearest µJ.
    public func energy(over duration: Duration) -> Energy {
        // E[µJ] = P[µW] · t[ns] / 1e9, in full width so hours at kilowatts cannot overflow.
        let (high, low) = microwatts.multipliedFullWidth(by: duration.nanoseconds)
        let (quotient, remainder) = Int64(1_000_000_000).dividingFullWidth((high, low))
        let roundUp = 2 * remainder.magnitude >= 1_000_000_000
        return Energy(microjoules: roundUp ? quotient + (microwatts >= 0 ? 1 : -1) : quotient)
    }

    /// Energy of a trapezoid between two power readings `duration` apart: how a
    /// power-only sensor (hwmon `power*_input`, NVML power) is integrated.
    public static func trapezoid(_ a: Power, _ b: Power, over duration: Duration) -> Energy {
        let mean = Power(microwatts: (a.microwatts + b.microwatts) / 2)
        let half = (a.microwatts + b.microwatts) % 2  // keep the half microwatt
        let base = mean.energy(over: duration)
        guard half != 0 else { return base }
        return base + Power(microwatts: half).energy(over: duration / 2)
    }

    public var description: String { "\(microwatts) µW" }
}

extension Duration {
    /// The whole duration in nanoseconds (truncated below a nanosecond).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
