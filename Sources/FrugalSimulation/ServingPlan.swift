import FrugalCore

/// Places requests on GPUs and times them.
///
/// A serving unit is a group of GPUs one replica runs on: a pinned model's
/// GPUs in groups of its tensor-parallel size, or one shared GPU serving every
/// unpinned model. A request goes to the unit serving its model with the
/// fewest requests in flight (ties: the lowest index); a full unit
/// (`maxConcurrentRequests`) makes it wait for the first request to finish.
/// Speeds do not depend on the batch: a request's prefill lasts
/// `prompt / prefillTokensPerSecond`, its decode `completion / decodeTokensPerSecond`.
struct ServingPlan {
    struct Unit {
        var gpus: [Int]
        var models: Set<Int>
        var capacity: Int
        var inFlightEnds = MinHeap()
    }

    private(set) var units: [Unit] = []
    let scenario: SimulationScenario

    init(scenario: SimulationScenario) {
        self.scenario = scenario
        let gpus = scenario.hardware.gpus
        for (modelIndex, model) in scenario.models.enumerated() {
            let pinned = gpus.indices.filter { gpus[$0].pinnedModel == model.name }
            for group in stride(from: 0, to: pinned.count, by: model.tensorParallel) {
                addUnit(Array(pinned[group..<group + model.tensorParallel]), models: [modelIndex])
            }
        }
        let unpinnedModels = Set(
            scenario.models.indices.filter { m in !gpus.contains { $0.pinnedModel == scenario.models[m].name } })
        for gpu in gpus.indices where gpus[gpu].pinnedModel == nil {
            addUnit([gpu], models: unpinnedModels)
        }
    }

    private mutating func addUnit(_ gpus: [Int], models: Set<Int>) {
        let capacity = gpus.map { scenario.hardware.gpus[$0].maxConcurrentRequests }.min()!
        units.append(Unit(gpus: gpus, models: models, capacity: capacity))
    }

    /// Times every draft; requests that would end after the window are dropped.
    mutating func schedule(_ drafts: [ArrivalGenerator.Draft]) -> [SimulatedRequest] {
        let origin = scenario.start.nanosecondsSinceEpoch
        let windowEnd = Int64(scenario.durationSeconds) * 1_000_000_000
        var requests: [SimulatedRequest] = []
        requests.reserveCapacity(drafts.count)
        for draft in drafts {
            let unit = chooseUnit(for: draft)
            var start = draft.arrivalOffsetNanoseconds + draft.overheadNanoseconds
            if units[unit].inFlightEnds.count >= units[unit].capacity {
                start = max(start, units[unit].inFlightEnds.pop()!)
            }
            let model = scenario.models[draft.modelIndex]
            let prefillEnd =
                start + Self.nanoseconds(tokens: draft.promptTokens, perSecond: model.prefillTokensPerSecond)
            let completion = draft.failed ? 0 : draft.completionTokens
            let decodeEnd = prefillEnd + Self.nanoseconds(tokens: completion, perSecond: model.decodeTokensPerSecond)
            let end = decodeEnd + 1_000_000
            units[unit].inFlightEnds.push(decodeEnd)
            guard end <= windowEnd else { continue }
            requests.append(
                timed(
                    draft, gpus: units[unit].gpus, origin: origin,
                    times: (draft.arrivalOffsetNanoseconds, start, prefillEnd, decodeEnd, end)))
        }
        return Self.inLogOrder(requests)
    }

    private mutating func chooseUnit(for draft: ArrivalGenerator.Draft) -> Int {
        var best: Int?
        for index in units.indices where units[index].models.contains(draft.modelIndex) {
            while let first = units[index].inFlightEnds.peek, first <= draft.arrivalOffsetNanoseconds {
                _ = units[index].inFlightEnds.pop()
            }
            if best == nil || units[index].inFlightEnds.count < units[best!].inFlightEnds.count { best = index }
        }
        return best!
    }

    private func timed(
        _ draft: ArrivalGenerator.Draft, gpus: [Int], origin: Int64,
        times: (arrival: Int64, start: Int64, prefillEnd: Int64, decodeEnd: Int64, end: Int64)
    ) -> SimulatedRequest {
        let offset = Int64(scenario.logs.clockOffsetMilliseconds * 1e6)
        func logged(_ t: Int64, _ jitter: Int64) -> Int64 {
            // Gateways stamp in microseconds at best.
            UTCCalendar.floorDiv(origin + t + offset + jitter, 1_000) * 1_000
        }
        let loggedStart = logged(times.arrival, draft.jitterNanoseconds.0)
        let loggedEnd = max(logged(times.end, draft.jitterNanoseconds.2), loggedStart + 1_000_000)
        let knowsFirstToken = draft.streaming && !draft.failed && !draft.firstTokenMissing
        let loggedFirst =
            knowsFirstToken
            ? min(max(logged(times.prefillEnd, draft.jitterNanoseconds.1), loggedStart), loggedEnd) : nil
        let model = scenario.models[draft.modelIndex]
        func at(_ t: Int64) -> Timestamp { Timestamp(nanosecondsSinceEpoch: origin + t) }
        return SimulatedRequest(
            keyBits: draft.key, index: 0, tenant: scenario.tenants[draft.tenantIndex].name,
            tenantIndex: draft.tenantIndex,
            model: model.name, modelIndex: draft.modelIndex, promptTokens: draft.promptTokens,
            completionTokens: draft.failed ? 0 : draft.completionTokens, status: draft.failed ? 500 : 200,
            streaming: draft.streaming, gpus: gpus, arrival: at(times.arrival), prefillStart: at(times.start),
            prefillEnd: at(times.prefillEnd), decodeEnd: at(times.decodeEnd), end: at(times.end),
            loggedStart: Timestamp(nanosecondsSinceEpoch: loggedStart),
            loggedFirstToken: loggedFirst.map { Timestamp(nanosecondsSinceEpoch: $0) },
            loggedEnd: Timestamp(nanosecondsSinceEpoch: loggedEnd))
    }

    /// Gateways write a line when a request ends: order by logged end.
    private static func inLogOrder(_ requests: [SimulatedRequest]) -> [SimulatedRequest] {
        // Sort positions, not the large structs.
        let keys = requests.map { ($0.loggedEnd.nanosecondsSinceEpoch, $0.keyBits.high, $0.keyBits.low) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        return order.enumerated().map { position, index in
            var request = requests[index]
            request.index = position
            return request
        }
    }

    static func nanoseconds(tokens: Int, perSecond: Double) -> Int64 {
        Int64((Double(tokens) / perSecond * 1e9).rounded())
    }
}
