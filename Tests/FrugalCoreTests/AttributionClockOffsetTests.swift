import FrugalCore
import Testing

@Suite("ClockOffsetEstimator: the log's clock found from the signal")
struct AttributionClockOffsetTests {
    /// A CPU package drawing 40 W plus 10 W per request in flight, on the
    /// sampler's clock, sampled every second for `seconds`.
    static func host(seconds: Int, requests count: Int, seed: UInt64) -> ([EnergySample], [RequestRecord]) {
        var random = SplitMix64(seed: seed)
        let requests = (0..<count).map { index -> RequestRecord in
            let start = random.unit() * Double(seconds - 10)
            return Scenario.request("r\(index)", start: start, end: start + 0.3 + random.unit() * 6)
        }
        let origin = Scenario.origin * 1_000_000_000
        let samples = (1...seconds).map { second -> EnergySample in
            let a = origin + Int64(second - 1) * 1_000_000_000
            let b = a + 1_000_000_000
            let busy = requests.reduce(0.0) { sum, request in
                let overlap = min(b, request.end.nanosecondsSinceEpoch) - max(a, request.start.nanosecondsSinceEpoch)
                return sum + Double(max(0, overlap)) / 1e9
            }
            return Scenario.sample("rapl:intel-rapl:0", end: Int64(second), joules: 40 + 10 * busy)
        }
        return (samples, requests)
    }

    static func shifted(_ requests: [RequestRecord], by offset: Duration) -> [RequestRecord] {
        requests.map { request in
            var moved = request
            moved.start = request.start + offset
            moved.end = request.end + offset
            return moved
        }
    }

    let cpu = Scenario.domain("rapl:intel-rapl:0", .package)

    @Test func aGatewayClockAheadOfTheSamplerIsFound() throws {
        let (samples, requests) = Self.host(seconds: 600, requests: 300, seed: 1)
        let logged = Self.shifted(requests, by: .milliseconds(400))
        let estimate = try #require(
            ClockOffsetEstimator.estimate(
                samples: samples, domains: [cpu], requests: logged, policy: AttributionPolicy()))
        #expect(abs(estimate.offset.nanoseconds + 400_000_000) <= 10_000_000, "found \(estimate.offset)")
        #expect(estimate.score > 0.95)
        #expect(estimate.margin > 0, "the offset explains the signal better than none")
    }

    @Test func clocksThatAgreeGiveNoOffset() throws {
        let (samples, requests) = Self.host(seconds: 600, requests: 300, seed: 2)
        let estimate = try #require(
            ClockOffsetEstimator.estimate(
                samples: samples, domains: [cpu], requests: requests, policy: AttributionPolicy()))
        #expect(abs(estimate.offset.nanoseconds) <= 10_000_000, "found \(estimate.offset)")
    }

    @Test func noRequestsGiveNoEstimate() {
        let (samples, _) = Self.host(seconds: 60, requests: 0, seed: 3)
        #expect(
            ClockOffsetEstimator.estimate(samples: samples, domains: [cpu], requests: [], policy: AttributionPolicy())
                == nil)
    }
}
