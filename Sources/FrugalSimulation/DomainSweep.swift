import Foundation
import FrugalCore

/// The physics of one power domain (a GPU, a CPU package, its DRAM) and the
/// sweep that turns the requests' work on it into a counter trace and each
/// request's true energy.
///
/// Time advances in steps (10 ms by default); inside a step the set of active
/// requests changes at exact nanoseconds, so a step is cut into segments of
/// constant activity. In a segment of length t:
///
///     P_dyn = min(cap, Σ_prefill w·e_p(b_p) + Σ_decode w·e_d(b_d))
///     P     = idle + max(0, P_dyn + n)    while a request is active
///     P     = max(0, idle + n)            otherwise
///
/// where `n` is the domain's noise (an AR(1) process, constant over a step).
/// The dynamic part `max(0, P_dyn + n)·t` belongs to the active requests in
/// proportion to `w·e(b)` — within a phase, to each one's own work `w`; the
/// rest is idle.
struct DomainSweep {
    /// One request's work on this domain over one phase.
    struct Work {
        var start: Int64
        var end: Int64
        var request: Int32
        var workWatts: Double
        /// Decode (uses the decode curve) rather than prefill or CPU work.
        var decode: Bool
    }

    struct Physics {
        var idleWatts: Double
        var capWatts: Double
        var noiseWatts: Double
        var noiseCorrelationSeconds: Double
        var prefill: BatchingCurve
        var decode: BatchingCurve
        /// The counter counts whole units of this many µJ (NVML: 1 mJ).
        var resolutionMicrojoules: Int64
        var noiseStream: UInt64
    }

    struct Output {
        /// Cumulative energy at each sample boundary, µJ, from 0 (not yet
        /// offset or wrapped), in whole resolution units.
        var cumulativeMicrojoules: [Int64]
        /// Real-valued split of the energy: idle, and per request (indexed by
        /// request; 0 for a request that did nothing here).
        var idleMicrojoules: Double
        var requestMicrojoules: [Double]
    }

    let physics: Physics
    let stepNanoseconds: Int64
    let stepCount: Int
    let stepsPerSample: Int
    let seed: UInt64

    func run(_ work: [Work], requestCount: Int) -> Output {
        var state = SweepState(physics: physics, work: work, requestCount: requestCount)
        var random = SplitMix64(seed: seed, stream: physics.noiseStream)
        let stepSeconds = Double(stepNanoseconds) / 1e9
        let rho = physics.noiseCorrelationSeconds > 0 ? exp(-stepSeconds / physics.noiseCorrelationSeconds) : 0
        let innovation = physics.noiseWatts * (1 - rho * rho).squareRoot()
        var noise = physics.noiseWatts * random.fastGaussian()
        var cumulative: [Int64] = [0]
        cumulative.reserveCapacity(stepCount / stepsPerSample + 1)
        for step in 0..<stepCount {
            noise = rho * noise + innovation * random.fastGaussian()
            var t = Int64(step) * stepNanoseconds
            let stepEnd = t + stepNanoseconds
            while true {
                let event = state.nextEventTime
                if event >= stepEnd {
                    state.segment(length: stepEnd - t, noiseWatts: noise)
                    break
                }
                state.segment(length: event - t, noiseWatts: noise)
                t = event
                state.apply(eventsAt: event)
            }
            if (step + 1) % stepsPerSample == 0 {
                cumulative.append(
                    state.cumulativeMicrojoules / physics.resolutionMicrojoules * physics.resolutionMicrojoules)
            }
        }
        state.flush()
        return Output(
            cumulativeMicrojoules: cumulative, idleMicrojoules: state.idleMicrojoules,
            requestMicrojoules: state.requestMicrojoules)
    }
}

/// The mutable part of a sweep: the active set, the running sums, the
/// accumulators.
private struct SweepState {
    let physics: DomainSweep.Physics
    let work: [DomainSweep.Work]
    let byStart: [Int32]
    let byEnd: [Int32]
    var nextStart = 0
    var nextEnd = 0

    // Active set: slots, swap-removed.
    var slotOfWork: [Int32]
    var slots: [Int32] = []
    var workSum: (prefill: Double, decode: Double) = (0, 0)
    var count: (prefill: Int, decode: Int) = (0, 0)
    var efficiency: (prefill: Double, decode: Double) = (1, 1)
    var weightedWork = 0.0
    var dynamicWatts = 0.0

    // Accumulators.
    var epochDynamicMicrojoules = 0.0
    var idleMicrojoules = 0.0
    var requestMicrojoules: [Double]
    var cumulativeMicrojoules: Int64 = 0
    var carryMicrojoules = 0.0

    init(physics: DomainSweep.Physics, work: [DomainSweep.Work], requestCount: Int) {
        precondition(work.allSatisfy { $0.end > $0.start }, "a work interval has a positive length")
        self.physics = physics
        self.work = work
        // Stable sorts of positions on plain keys: ties stay in work order.
        let starts = work.map(\.start)
        let ends = work.map(\.end)
        byStart = Array(Int32(0)..<Int32(work.count)).sorted { starts[Int($0)] < starts[Int($1)] }
        byEnd = Array(Int32(0)..<Int32(work.count)).sorted { ends[Int($0)] < ends[Int($1)] }
        slotOfWork = Array(repeating: -1, count: work.count)
        requestMicrojoules = Array(repeating: 0, count: requestCount)
        findNextEvent()
    }

    /// When the active set next changes (`.max`: never); kept up to date by
    /// `apply`, since the step loop asks for it every step.
    private(set) var nextEventTime: Int64 = .max

    private mutating func findNextEvent() {
        let start = nextStart < byStart.count ? work[Int(byStart[nextStart])].start : .max
        let end = nextEnd < byEnd.count ? work[Int(byEnd[nextEnd])].end : .max
        nextEventTime = min(start, end)
    }

    mutating func segment(length: Int64, noiseWatts: Double) {
        guard length > 0 else { return }
        let seconds = Double(length) * 1e-3  // W · ns / 1000 = µJ
        let energy: Double
        if slots.isEmpty {
            energy = max(0, physics.idleWatts + noiseWatts) * seconds
            idleMicrojoules += energy
        } else {
            let dynamic = max(0, dynamicWatts + noiseWatts) * seconds
            epochDynamicMicrojoules += dynamic
            idleMicrojoules += physics.idleWatts * seconds
            energy = physics.idleWatts * seconds + dynamic
        }
        let total = energy + carryMicrojoules
        let whole = total.rounded(.down)
        cumulativeMicrojoules += Int64(whole)
        carryMicrojoules = total - whole
    }

    mutating func apply(eventsAt time: Int64) {
        flush()
        while nextEnd < byEnd.count, work[Int(byEnd[nextEnd])].end == time {
            remove(byEnd[nextEnd])
            nextEnd += 1
        }
        while nextStart < byStart.count, work[Int(byStart[nextStart])].start == time {
            add(byStart[nextStart])
            nextStart += 1
        }
        refresh()
        findNextEvent()
    }

    /// Hands the dynamic energy of the epoch that ends (the active set is
    /// about to change) to the active requests, by effective work.
    mutating func flush() {
        guard epochDynamicMicrojoules > 0, !slots.isEmpty else {
            epochDynamicMicrojoules = 0
            return
        }
        for index in slots {
            let item = work[Int(index)]
            let share: Double
            if weightedWork > 0 {
                let factor = item.decode ? efficiency.decode : efficiency.prefill
                share = item.workWatts * factor / weightedWork
            } else {
                share = 1 / Double(slots.count)
            }
            requestMicrojoules[Int(item.request)] += epochDynamicMicrojoules * share
        }
        epochDynamicMicrojoules = 0
    }

    private mutating func add(_ index: Int32) {
        let item = work[Int(index)]
        slotOfWork[Int(index)] = Int32(slots.count)
        slots.append(index)
        if item.decode {
            workSum.decode += item.workWatts
            count.decode += 1
        } else {
            workSum.prefill += item.workWatts
            count.prefill += 1
        }
    }

    private mutating func remove(_ index: Int32) {
        let slot = Int(slotOfWork[Int(index)])
        guard slot >= 0 else { return }
        let moved = slots.removeLast()
        if slot < slots.count {
            slots[slot] = moved
            slotOfWork[Int(moved)] = Int32(slot)
        }
        slotOfWork[Int(index)] = -1
        let item = work[Int(index)]
        if item.decode {
            workSum.decode -= item.workWatts
            count.decode -= 1
        } else {
            workSum.prefill -= item.workWatts
            count.prefill -= 1
        }
    }

    private mutating func refresh() {
        // Running sums drift by rounding; an empty phase resets exactly.
        if count.decode == 0 { workSum.decode = 0 }
        if count.prefill == 0 { workSum.prefill = 0 }
        efficiency = (
            physics.prefill.efficiency(batch: count.prefill), physics.decode.efficiency(batch: count.decode)
        )
        weightedWork = workSum.prefill * efficiency.prefill + workSum.decode * efficiency.decode
        dynamicWatts = min(physics.capWatts, weightedWork)
    }
}
