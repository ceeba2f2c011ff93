/// What one new reading of a cumulative energy counter means.
public enum CounterDelta: Hashable, Sendable {
    /// No previous reading: nothing can be said about the interval yet.
    case firstSample
    /// The counter rose by this much.
    case delta(Energy)
    /// The counter passed its maximum once and restarted from zero.
    case wrappedDelta(Energy)
    /// The counter went backwards and no single wrap explains it (driver
    /// reload, counter reset, a bad read): the interval's energy is unknown
    /// and must be recorded as a gap, never as zero.
    case reset(previous: UInt64, current: UInt64)

    /// The energy of the interval, when it is known.
    public var energy: Energy? {
        switch self {
        case .delta(let e), .wrappedDelta(let e): e
        case .firstSample, .reset: nil
        }
    }
}

/// A wrap-safe reader of a cumulative counter in microjoules (RAPL
/// `energy_uj`, hwmon `energy*_input`, NVML total energy converted to µJ).
///
/// With a known range R (powercap's `max_energy_range_uj`), the counter runs
/// over 0…R and restarts at 0. If a reading c is below the previous one p,
/// exactly one wrap happened when the interval is short enough, and the
/// energy is `(R − p) + c`.
///
/// Two wraps in one interval cannot be told apart from one: the reading is the
/// same. They are excluded by sampling faster than R / P_max (about 8 minutes
/// at 500 W for a 262 kJ range); the sampler flags any interval longer than
/// that. A backwards step that a single wrap cannot explain within
/// `maxPlausible` (a physical bound: maximum power × interval) is a `.reset`.
public struct EnergyCounter: Hashable, Sendable {
    /// The value at which the counter wraps, in µJ; nil when unknown.
    public let range: UInt64?
    public private(set) var previous: UInt64?

    public init(range: UInt64?) {
        self.range = range
        self.previous = nil
    }

    /// Takes a new reading and classifies the interval since the previous one.
    /// - Parameter maxPlausible: the most energy the domain could draw in the
    ///   interval; a wrapped delta beyond it is not a wrap but a reset.
    public mutating func update(_ current: UInt64, maxPlausible: Energy? = nil) -> CounterDelta {
        defer { previous = current }
        guard let previous else { return .firstSample }
        if current >= previous {
            return .delta(Energy(microjoules: Int64(clamping: current - previous)))
        }
        guard let range, previous <= range, current <= range else {
            return .reset(previous: previous, current: current)
        }
        let wrapped = Energy(microjoules: Int64(clamping: (range - previous) + current))
        if let maxPlausible, wrapped > maxPlausible {
            return .reset(previous: previous, current: current)
        }
        return .wrappedDelta(wrapped)
    }

    /// Forgets the previous reading (after a gap, or when a zone reappears).
    public mutating func restart() { previous = nil }

    /// The longest interval in which at most one wrap can happen at `maxPower`.
    public func longestSafeInterval(atMost maxPower: Power) -> Duration? {
        guard let range, maxPower.microwatts > 0 else { return nil }
        // t = R / P; R in µJ, P in µW gives seconds.
        let seconds = Double(range) / Double(maxPower.microwatts)
        return .nanoseconds(Int64(seconds * 1e9))
    }
}
