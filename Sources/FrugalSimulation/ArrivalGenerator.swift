import FrugalCore

/// Draws a tenant's requests: arrival instants from a Poisson process whose
/// rate is constant within each UTC hour (Paris offsets are whole hours, so a
/// UTC hour is one local hour), and each request's model, lengths, streaming,
/// failure and log jitter. One generator stream per tenant: changing one
/// tenant leaves the others' draws unchanged.
struct ArrivalGenerator {
    /// A request before it is placed on a GPU.
    struct Draft {
        var arrivalOffsetNanoseconds: Int64
        var tenantIndex: Int
        var modelIndex: Int
        var promptTokens: Int
        var completionTokens: Int
        var streaming: Bool
        var failed: Bool
        var firstTokenMissing: Bool
        var overheadNanoseconds: Int64
        /// Gaussian log jitter of start, first token and end, nanoseconds.
        var jitterNanoseconds: (Int64, Int64, Int64)
        var key: (high: UInt64, low: UInt64)
    }

    let scenario: SimulationScenario

    func drafts() -> [Draft] {
        var all: [Draft] = []
        for index in scenario.tenants.indices {
            all += drafts(tenant: index)
        }
        // Ties cannot depend on generation order: sort on a total order.
        all.sort { ($0.arrivalOffsetNanoseconds, $0.tenantIndex) < ($1.arrivalOffsetNanoseconds, $1.tenantIndex) }
        return all
    }

    private func drafts(tenant index: Int) -> [Draft] {
        let tenant = scenario.tenants[index]
        var random = SplitMix64(seed: scenario.seed, stream: 0x7E4A_0000 + UInt64(index))
        let startNs = scenario.start.nanosecondsSinceEpoch
        let endNs = startNs + Int64(scenario.durationSeconds) * 1_000_000_000
        let hourNs: Int64 = 3_600_000_000_000
        var hourStart = UTCCalendar.floorDiv(startNs, hourNs) * hourNs
        var result: [Draft] = []
        while hourStart < endNs {
            let perSecond =
                tenant.peakRequestsPerHour
                * tenant.profile.weight(at: Timestamp(nanosecondsSinceEpoch: hourStart)) / 3_600
            let from = max(hourStart, startNs)
            let to = min(hourStart + hourNs, endNs)
            if perSecond > 0 {
                var t = Double(from - startNs)
                while true {
                    t += random.exponential(mean: 1e9 / perSecond)
                    guard t < Double(to - startNs) else { break }
                    result.append(draft(at: Int64(t), tenant: index, using: &random))
                }
            }
            hourStart += hourNs
        }
        return result
    }

    private func draft(at offset: Int64, tenant index: Int, using random: inout SplitMix64) -> Draft {
        let tenant = scenario.tenants[index]
        let logs = scenario.logs
        let jitter = logs.jitterMilliseconds * 1e6
        let streaming = random.unit() < tenant.streamingShare
        return Draft(
            arrivalOffsetNanoseconds: offset, tenantIndex: index, modelIndex: pickModel(tenant, using: &random),
            promptTokens: tenant.promptTokens.draw(using: &random),
            completionTokens: tenant.completionTokens.draw(using: &random), streaming: streaming,
            failed: random.unit() < logs.failureShare,
            firstTokenMissing: random.unit() < logs.missingFirstTokenShare,
            overheadNanoseconds: Int64(logs.gatewayOverheadMilliseconds * 1e6 * (0.5 + random.unit())),
            jitterNanoseconds: (
                Int64(jitter * random.gaussian()), Int64(jitter * random.gaussian()), Int64(jitter * random.gaussian())
            ),
            key: (random.next(), random.next()))
    }

    private func pickModel(_ tenant: SimulatedTenant, using random: inout SplitMix64) -> Int {
        let total = tenant.modelMix.reduce(0) { $0 + $1.weight }
        var point = random.unit() * total
        var chosen = tenant.modelMix[tenant.modelMix.count - 1].model
        for share in tenant.modelMix {
            if point < share.weight {
                chosen = share.model
                break
            }
            point -= share.weight
        }
        return scenario.models.firstIndex { $0.name == chosen }!
    }

    static func hexKey(_ a: UInt64, _ b: UInt64) -> String {
        func hex(_ v: UInt64) -> String {
            let digits = String(v, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(a) + hex(b)
    }
}
