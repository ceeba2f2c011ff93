import Foundation
import FrugalCore

/// The live per-interval step: one call of the Attributor on one 1-s
/// interval of every domain with the requests running in it, at instants
/// spread over the month's working hours (where requests run).
struct StepRun {
    let month: MonthFiles
    let calls: Int

    func run() throws -> String {
        let requests = try month.loadRequests()
        let file = try ReadingFile(month)
        let index = WindowIndex(requests: requests)
        var policy = month.policy
        // Coefficients as the month run learns them would be used; a fit on one
        // busy hour is enough to make the weights realistic here.
        let hour = 9 * 3_600 + 86_400
        let fitSamples = file.samples(hour, hour + 3_600, domains: month.domains)
        let fitMembers = index.overlapping(
            from: fitSamples.first!.start.nanosecondsSinceEpoch, to: fitSamples.last!.end.nanosecondsSinceEpoch)
        if let fit = CoefficientFit.fit(
            samples: fitSamples, domains: month.domains, requests: fitMembers.map { requests[$0] }, policy: policy)
        {
            policy = fit.applied(to: policy)
        }
        let attributor = Attributor(policy: policy)
        var random = SplitMix64(seed: 7)
        var timings: [Double] = []
        var cpuTimings: [Double] = []
        var active = 0
        var checksum: Int64 = 0
        let clock = ContinuousClock()
        while timings.count < calls {
            let day = Int(random.unit() * Double(month.readingCount / 86_400))
            let k = day * 86_400 + 7 * 3_600 + Int(random.unit() * 10 * 3_600)
            guard k + 1 < month.readingCount else { continue }
            let samples = file.samples(k, k + 1, domains: month.domains)
            let members = index.overlapping(
                from: samples[0].start.nanosecondsSinceEpoch, to: samples[0].end.nanosecondsSinceEpoch)
            let running = members.map { requests[$0] }
            let started = clock.now
            let cpuStarted = threadCPUSeconds()
            let result = attributor.attribute(samples: samples, domains: month.domains, requests: running)
            cpuTimings.append(threadCPUSeconds() - cpuStarted)
            timings.append(seconds(clock.now - started))
            precondition(result.conserves)
            checksum &+= result.ledgers[0].attributed.microjoules
            active += running.count
        }
        timings.sort()
        cpuTimings.sort()
        let mean = timings.reduce(0, +) / Double(timings.count)
        let cpuMean = cpuTimings.reduce(0, +) / Double(cpuTimings.count)
        return """
            live step: \(calls) calls, one 1-s interval of \(month.domains.count) domains each, \
            \(String(format: "%.1f", Double(active) / Double(calls))) running requests on average
            mean \(String(format: "%.1f", mean * 1e6)) µs, median \(String(format: "%.1f", timings[timings.count / 2] * 1e6)) µs, \
            p99 \(String(format: "%.1f", timings[timings.count * 99 / 100] * 1e6)) µs wall (a loaded machine preempts); \
            thread CPU: mean \(String(format: "%.1f", cpuMean * 1e6)) µs, median \(String(format: "%.1f", cpuTimings[cpuTimings.count / 2] * 1e6)) µs, \
            p99 \(String(format: "%.1f", cpuTimings[cpuTimings.count * 99 / 100] * 1e6)) µs, max \(String(format: "%.1f", cpuTimings.last! * 1e6)) µs (checksum \(checksum))
            """
    }
}

/// CPU time of the calling thread: what a call costs, whatever else the machine runs.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
