import FrugalCore
import FrugalProbes
import FrugalRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loop that wakes every 100 ms for a while, doing nothing or one sampler
/// tick, so that the daemon's CPU can be split into the cost of waking up and
/// the cost of the work. Two ways to wait:
/// - `task`: `Task.sleep` on the global executor, as `SamplerService` once did
///   (a timer on libdispatch's manager thread, then a worker thread resumes);
/// - `thread`: one thread sleeping to the deadline as `SamplerService` does
///   now (`SystemSampleClock.sleep(until:or:)`: one `ppoll` on a `StopSignal`).
struct WakeLoop {
    enum Wait: String { case task, thread }
    enum Work: String { case none, tick }

    let wait: Wait
    let work: Work
    let seconds: Int
    let sysfsRoot: String

    static let interval = Duration.milliseconds(100)

    var name: String { "loop_\(wait.rawValue)_\(work.rawValue)" }

    /// Runs the loop; `domains` is how many samples each tick must produce.
    func run(expecting domains: Int) async throws -> Measurement {
        let ticks = seconds * 10
        let body = makeWork()
        let measurement: Measurement
        switch wait {
        case .thread:
            measurement = Self.measure(name, ticks: ticks) { threadLoop(ticks: ticks, body: body) }
        case .task:
            let name = self.name
            // Off the main actor, on the global executor, like the daemon's service.
            measurement = try await Task.detached {
                let start = CPUTime.now()
                try await taskLoop(ticks: ticks, body: body)
                return Measurement(name: name, operations: ticks, cpu: CPUTime.now() - start)
            }.value
        }
        let expected = work == .tick ? ticks * domains : 0
        if body.samples != expected { fatalError("\(name): \(body.samples) samples, expected \(expected)") }
        return measurement
    }

    /// One tick of work; its sample count is checked, so it cannot be optimized away.
    final class Body: @unchecked Sendable {
        // @unchecked: one loop at a time owns it, and the sampler inside it.
        let sampler: Sampler?
        var samples = 0

        init(sampler: Sampler?) { self.sampler = sampler }

        func callAsFunction() {
            guard let sampler else { return }
            samples += sampler.tick(at: SystemSampleClock().now()).samples.count
        }
    }

    private func makeWork() -> Body {
        guard work == .tick else { return Body(sampler: nil) }
        let sources: [any PowerSource] = [RAPLSource(sysfsRoot: sysfsRoot), HwmonSource(sysfsRoot: sysfsRoot)]
        let policy = SamplerPolicy(interval: Self.interval, rediscoverEveryTicks: Scenarios.daemonRediscoverTicks)
        let sampler = Sampler(sources: sources, policy: policy)
        sampler.start(at: SystemSampleClock().now())
        return Body(sampler: sampler)
    }

    private func threadLoop(ticks: Int, body: Body) {
        let clock = SystemSampleClock()
        guard let stop = try? StopSignal() else { fatalError("\(name): could not make a StopSignal (pipe)") }
        var deadline = clock.now().monotonic
        for _ in 0..<ticks {
            deadline += Self.interval
            do { try clock.sleep(until: deadline, or: stop) } catch { fatalError("\(name): stopped: \(error)") }
            body()
        }
    }

    private func taskLoop(ticks: Int, body: Body) async throws {
        // Sleep for what is left to the deadline, on the monotonic clock.
        let clock = SystemSampleClock()
        var deadline = clock.now().monotonic
        for _ in 0..<ticks {
            deadline += Self.interval
            let left = deadline - clock.now().monotonic
            if left > .zero { try await Task.sleep(for: left) }
            body()
        }
    }

    private static func measure(_ name: String, ticks: Int, _ loop: () -> Void) -> Measurement {
        let start = CPUTime.now()
        loop()
        return Measurement(name: name, operations: ticks, cpu: CPUTime.now() - start)
    }
}
