#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SplitMix64 (Steele, Lea & Flood, 2014): a small, fast generator whose
/// stream depends only on its seed, so a simulation, a demo or a property test
/// gives the same numbers on every machine. Foundation's generators are not
/// seedable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the simulation (a domain, a
    /// tenant), so adding a domain does not change the others' draws.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform value in (0, 1]: safe under a logarithm.
    public mutating func unitOpenAtZero() -> Double { 1 - unit() }

    /// A standard normal value (Box–Muller; one of the pair is used, so the
    /// stream position does not depend on earlier calls' parity).
    public mutating func gaussian() -> Double {
        let radius = (-2 * log(unitOpenAtZero())).squareRoot()
        return radius * cos(2 * Double.pi * unit())
    }

    /// A cheap near-normal value (Irwin–Hall of 4 uniforms, scaled to unit
    /// variance, bounded at ±3.46): for per-step power noise, where a
    /// logarithm and a cosine per 10 ms step would dominate the run time.
    public mutating func fastGaussian() -> Double {
        let sum = unit() + unit() + unit() + unit()
        return (sum - 2) * 1.7320508075688772
    }

    /// An exponential value with the given mean.
    public mutating func exponential(mean: Double) -> Double { -mean * log(unitOpenAtZero()) }
}
