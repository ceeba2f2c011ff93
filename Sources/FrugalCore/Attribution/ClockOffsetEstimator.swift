#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the offset between the gateway's clock and the sampler's from the
/// data itself: power rises when requests run, so the per-interval activity
/// of the logged requests, shifted by the right offset, lines up best with
/// the measured energy.
///
/// For each candidate offset o (added to every log time, as
/// `AttributionPolicy.logClockOffset`), each domain's per-interval activity
/// — the running time of the requests it serves inside (a, b] — is compared
/// with its measured energy by Pearson correlation; the score of o is the
/// mean correlation over the domains that have both activity and a varying
/// signal. The best candidate is then refined on a grid ten times finer
/// around it. Activity comes from a running integral of the number of
/// requests in flight, so each candidate costs one binary search per
/// interval, whatever the number of requests.
public enum ClockOffsetEstimator {
    /// The offset found and how much to trust it.
    public struct Estimate: Hashable, Sendable {
        /// Add to log times to put them on the sampler's clock.
        public var offset: Duration
        /// Mean correlation of activity with energy at `offset` (−1…1).
        public var score: Double
        /// `score` minus the score at no offset: how much better the offset
        /// explains the signal than the clocks taken as they are (0 when the
        /// best offset is zero).
        public var margin: Double
        /// Intervals that took part (over every scored domain).
        public var intervals: Int
    }

    /// −2 s to +2 s in 50 ms steps.
    public static let defaultCandidates: [Duration] = stride(from: -2_000, through: 2_000, by: 50).map {
        .milliseconds($0)
    }

    /// - Returns: nil when no domain has both requests and a varying signal.
    public static func estimate(
        samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy,
        candidates: [Duration] = defaultCandidates
    ) -> Estimate? {
        guard !candidates.isEmpty else { return nil }
        let coarse = candidates.map(\.nanoseconds).sorted()
        let tracks = domainTracks(
            samples: samples, domains: domains, requests: requests, policy: policy, coarse: coarse)
        guard !tracks.isEmpty else { return nil }
        // A domain whose power follows its requests closely says more about
        // the offset: weigh each by its signal-to-noise ratio r²/(1 − r²).
        let weights = tracks.map { track -> Double in
            let r = min(track.bestCorrelation(coarse), 0.9999)
            return r > 0 ? r * r / (1 - r * r) : 0
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return nil }
        func score(_ offset: Int64) -> Double {
            zip(tracks, weights).reduce(0) { $0 + $1.1 * $1.0.correlation(offset: offset) } / totalWeight
        }
        var best = coarse.map { ($0, score($0)) }.max { $0.1 < $1.1 }!
        if coarse.count > 1 {
            let step = zip(coarse.dropFirst(), coarse).map { $0 - $1 }.min()!
            let fine = max(step / 10, 1)
            for offset in stride(from: best.0 - step + fine, to: best.0 + step, by: Int(fine)) {
                let value = score(offset)
                if value > best.1 { best = (offset, value) }
            }
        }
        return Estimate(
            offset: .nanoseconds(best.0), score: best.1, margin: best.0 == 0 ? 0 : best.1 - score(0),
            intervals: tracks.reduce(0) { $0 + $1.energy.count })
    }

    /// Activity is the integral of n^c, n the requests in flight.
    static let concurrencyExponents: [Double] = [1, 0.5, 0.25]

    static func domainTracks(
        samples: [EnergySample], domains: [Domain], requests: [RequestRecord], policy: AttributionPolicy,
        coarse: [Int64]
    ) -> [ActivityTrack] {
        let byDomain = Dictionary(grouping: samples, by: \.domain)
        return domains.compactMap { domain in
            let domainPolicy = policy.policy(for: domain)
            let served = requests.filter { domainPolicy.serves($0) }
            guard let intervals = byDomain[domain.id], intervals.count >= 10, !served.isEmpty else { return nil }
            let sorted = intervals.sorted { $0.end < $1.end }
            let spans = served.map { ($0.start.nanosecondsSinceEpoch, $0.end.nanosecondsSinceEpoch) }
            // Power may grow with the number in flight linearly (CPU work) or
            // far slower (batched decoding): the shape that correlates best wins.
            let tracks = concurrencyExponents.map {
                ActivityTrack(intervals: sorted, requests: spans, concurrencyExponent: $0)
            }.filter(\.varies)
            return tracks.max { $0.bestCorrelation(coarse) < $1.bestCorrelation(coarse) }
        }
    }
}

/// One domain's intervals, and the integral of the number of its requests
/// in flight on the log's clock.
struct ActivityTrack {
    let starts: [Int64]
    let ends: [Int64]
    let energy: [Double]
    private let energyMean: Double
    private let energyNorm: Double
    /// Event times and, at each, the integral of requests in flight up to it
    /// (level·ns) and the level of activity just after it: n^c for n in flight.
    private let times: [Int64]
    private let integral: [Double]
    private let inFlight: [Double]
    private let startTimes: [Int64]

    init(intervals: [EnergySample], requests: [(start: Int64, end: Int64)], concurrencyExponent: Double = 1) {
        starts = intervals.map { $0.start.nanosecondsSinceEpoch }
        ends = intervals.map { $0.end.nanosecondsSinceEpoch }
        // Power, so that intervals of uneven length compare.
        let power = intervals.map { $0.energy.joules / max(Double($0.elapsed.nanoseconds) / 1e9, 1e-9) }
        let mean = power.reduce(0, +) / Double(power.count)
        energy = power
        energyMean = mean
        energyNorm = power.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }.squareRoot()
        var events = requests.flatMap { [($0.start, 1), (max($0.end, $0.start), -1)] }
        events.sort { $0.0 < $1.0 }
        var times: [Int64] = []
        var integral: [Double] = []
        var inFlight: [Double] = []
        times.reserveCapacity(events.count)
        var running = 0.0
        var count = 0
        func level(_ n: Int) -> Double { n > 0 ? pow(Double(n), concurrencyExponent) : 0 }
        for (time, change) in events {
            if let last = times.last { running += level(count) * Double(time - last) }
            count += change
            if times.last == time {
                inFlight[inFlight.count - 1] = level(count)
            } else {
                times.append(time)
                integral.append(running)
                inFlight.append(level(count))
            }
        }
        self.times = times
        startTimes = requests.map(\.start).sorted()
        self.integral = integral
        self.inFlight = inFlight
    }

    func bestCorrelation(_ offsets: [Int64]) -> Double {
        offsets.map { correlation(offset: $0) }.max() ?? 0
    }

    var varies: Bool { energyNorm > 0 && !times.isEmpty }

    /// Request-nanoseconds in flight up to `t`.
    func cumulative(_ t: Int64) -> Double {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= t { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        return integral[low - 1] + inFlight[low - 1] * Double(t - times[low - 1])
    }

    /// Multiple correlation of power with activity and with the number of
    /// requests starting (each start brings a prefill burst), requests
    /// shifted by `offset`.
    func correlation(offset: Int64) -> Double {
        let n = Double(energy.count)
        var sums = (a: 0.0, s: 0.0)
        var activity = [Double](repeating: 0, count: energy.count)
        var startsIn = activity
        for k in energy.indices {
            activity[k] = (cumulative(ends[k] - offset) - cumulative(starts[k] - offset)) / 1e9
            startsIn[k] = Double(startCount(ends[k] - offset) - startCount(starts[k] - offset))
            sums.a += activity[k]
            sums.s += startsIn[k]
        }
        let mean = (a: sums.a / n, s: sums.s / n)
        var (aa, ss, asx, ay, sy) = (0.0, 0.0, 0.0, 0.0, 0.0)
        for k in energy.indices {
            let a = activity[k] - mean.a
            let s = startsIn[k] - mean.s
            let y = energy[k] - energyMean
            aa += a * a
            ss += s * s
            asx += a * s
            ay += a * y
            sy += s * y
        }
        let yy = energyNorm * energyNorm
        guard aa > 0, yy > 0 else { return 0 }
        let determinant = aa * ss - asx * asx
        guard ss > 0, determinant > 1e-9 * aa * ss else { return ay / (aa.squareRoot() * energyNorm) }
        // R² = c'S⁻¹c / yy over the two centred regressors; the sign is the activity's.
        let explained = (ss * ay * ay - 2 * asx * ay * sy + aa * sy * sy) / determinant
        return (ay >= 0 ? 1 : -1) * min(max(explained / yy, 0), 1).squareRoot()
    }

    /// Requests that started at or before `t`.
    private func startCount(_ t: Int64) -> Int {
        var low = 0
        var high = startTimes.count
        while low < high {
            let middle = (low + high) / 2
            if startTimes[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
