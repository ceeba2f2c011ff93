import Foundation
import FrugalCore

/// The month through the Attributor, one quarter-hour window at a time (as
/// live attribution and the store do), on `threads` threads: windows are
/// independent once the coefficients are learned, and every sum is of
/// integers, so the result does not depend on scheduling.
struct MonthRun {
    let month: MonthFiles
    let threads: Int
    /// The coefficient fit reads one window in `fitEvery`.
    let fitEvery: Int
    let windowIntervals = 900
    /// Attribute only the first `limit` windows (profiling); nil: all.
    var limit: Int?

    func run() throws -> String {
        let clock = ContinuousClock()
        let started = clock.now
        let cpuStarted = cpuSeconds()
        let requests = try month.loadRequests()
        let loaded = clock.now
        let cpuLoaded = cpuSeconds()
        let file = try ReadingFile(month)
        let windows = min(limit ?? .max, (month.readingCount - 1 + windowIntervals - 1) / windowIntervals)
        let index = WindowIndex(requests: requests)
        // Learn coefficients and γ from a sample of windows.
        var policy = month.policy
        var fitSamples: [EnergySample] = []
        var fitRequests: [RequestRecord] = []
        for window in stride(from: fitEvery / 2, to: windows, by: fitEvery) {
            let (first, last) = bounds(window)
            let samples = file.samples(first, last, domains: month.domains)
            let members = index.overlapping(
                from: samples.first!.start.nanosecondsSinceEpoch, to: samples.last!.end.nanosecondsSinceEpoch)
            fitSamples += samples
            fitRequests += members.map { requests[$0] }
        }
        let fitStarted = clock.now
        let cpuFitStarted = cpuSeconds()
        let fit = CoefficientFit.fit(samples: fitSamples, domains: month.domains, requests: fitRequests, policy: policy)
        if let fit { policy = fit.applied(to: policy) }
        let fitted = clock.now
        let cpuFitted = cpuSeconds()
        let fitCount = (fitSamples.count, fitRequests.count)
        fitSamples = []
        fitRequests = []
        let totals = Totals(requests: requests.count, domains: month.domains.count, workers: threads)
        let attributor = Attributor(policy: policy)
        let months = month
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            for window in stride(from: worker, to: windows, by: threads) {
                let (first, last) = bounds(window)
                let samples = file.samples(first, last, domains: months.domains)
                let from = samples.first!.start.nanosecondsSinceEpoch
                let to = samples.last!.end.nanosecondsSinceEpoch
                let members = index.overlapping(from: from, to: to)
                let result = attributor.attribute(
                    samples: samples, domains: months.domains, requests: members.map { requests[$0] })
                totals.add(result, members: members, worker: worker, requests: requests)
            }
        }
        let attributed = clock.now
        let cpuAttributed = cpuSeconds()
        let summary = totals.merged(domains: month.domains)
        let rss = peakResidentMegabytes()
        return """
            requests: \(requests.count), windows: \(windows) × \(windowIntervals) s, domains: \(month.domains.count), \
            samples: \(summary.samples), threads: \(threads)
            load requests: \(seconds(loaded - started)) s wall, \(cpuLoaded - cpuStarted) s CPU
            fit: \(seconds(fitted - fitStarted)) s wall, \(cpuFitted - cpuFitStarted) s CPU, over \(fitCount.0) samples and \(fitCount.1) requests \
            (γ \(policy.decodeBatchExponent), replicas \(policy.poolsAreReplicas), R² \(fit.map { String($0.rSquared) } ?? "-"))
            attribute: \(seconds(attributed - fitted)) s wall, \(cpuAttributed - cpuFitted) s CPU (\(Int(Double(summary.samples) / max(seconds(attributed - fitted), 1e-9))) samples/s), \
            \(String(format: "%.3f", seconds(attributed - fitted) * 1e3 / Double(windows))) ms per window per thread-slot, \
            \(String(format: "%.2f", seconds(attributed - fitted) * 1e6 / Double(windows * windowIntervals))) µs per interval of 8 domains
            total (load + fit + attribute): \(seconds(attributed - started)) s; peak RSS (getrusage): \(rss) MB
            \(summary.report(domains: month.domains))
            """
    }

    func bounds(_ window: Int) -> (Int, Int) {
        let first = window * windowIntervals
        return (first, min(first + windowIntervals, month.readingCount - 1))
    }
}

func seconds(_ duration: Duration) -> Double { Double(duration.nanoseconds) / 1e9 }

/// User + system CPU time of the process so far, all threads.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return value(usage.ru_utime) + value(usage.ru_stime)
}

func peakResidentMegabytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024
}

/// Requests sorted by start, found by the window they overlap.
struct WindowIndex: Sendable {
    let starts: [Int64]
    let ends: [Int64]
    let longest: Int64

    init(requests: [RequestRecord]) {
        starts = requests.map { $0.start.nanosecondsSinceEpoch }
        ends = requests.map { $0.end.nanosecondsSinceEpoch }
        longest = zip(starts, ends).map { $1 - $0 }.max() ?? 0
    }

    /// Indices of the requests running in (from, to], in start order.
    func overlapping(from: Int64, to: Int64) -> [Int] {
        let low = lowerBound(from - longest - 1)
        let high = lowerBound(to + 1)
        return (low..<high).filter { ends[$0] > from || (ends[$0] == starts[$0] && starts[$0] > from) }
    }

    private func lowerBound(_ t: Int64) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < t { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
