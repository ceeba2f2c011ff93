import FrugalCore
import FrugalProbes
import FrugalRuntime

/// The scenarios timed on one sysfs tree. Each checks what it produced, so
/// a tree that stops reading (or an optimizer that drops the work) fails the
/// run instead of reporting a fast nothing.
struct Scenarios {
    let sysfsRoot: String
    let operations: Int
    /// The daemon's policy at 100 ms: rediscovery every 60 s is every 600 ticks.
    static let daemonRediscoverTicks = 600

    /// Fresh sources on the tree, discovered, with the domains they found.
    func makeSources() -> (sources: [any PowerSource], domains: [Domain]) {
        let sources: [any PowerSource] = [RAPLSource(sysfsRoot: sysfsRoot), HwmonSource(sysfsRoot: sysfsRoot)]
        let domains = sources.flatMap { $0.discover().domains }
        return (sources, domains)
    }

    /// `read()` of both sources: every counter and sensor once.
    func read(expecting domains: Int) -> Measurement {
        let (sources, _) = makeSources()
        var values = 0
        let measurement = Measurement.run("read", operations: operations, warmup: 1_000) {
            for source in sources {
                for case .success in source.read().values { values += 1 }
            }
        }
        check(values == (operations + 1_000) * domains, "read: \(values) good values, expected \(domains) per read")
        return measurement
    }

    /// One sampler tick (read, difference, classify) every 100 ms of simulated time.
    func tick(expecting domains: Int, rediscoverEveryTicks: Int, name: String) -> Measurement {
        let (sources, _) = makeSources()
        let policy = SamplerPolicy(interval: .milliseconds(100), rediscoverEveryTicks: rediscoverEveryTicks)
        let sampler = Sampler(sources: sources, policy: policy)
        var time = SampleTime(wall: Timestamp(nanosecondsSinceEpoch: 1_795_000_000_000_000_000), monotonic: .seconds(1))
        sampler.start(at: time)
        var samples = 0
        var gaps = 0
        let measurement = Measurement.run(name, operations: operations, warmup: 1_000) {
            time = time.advanced(by: .milliseconds(100))
            let batch = sampler.tick(at: time)
            samples += batch.samples.count
            gaps += batch.gaps.count + batch.failures.count
        }
        let ticks = operations + 1_000
        check(gaps == 0, "\(name): \(gaps) gaps or failures on a tree that does not change")
        check(samples == ticks * domains, "\(name): \(samples) samples in \(ticks) ticks, expected \(domains) per tick")
        return measurement
    }

    /// A full discovery of both sources: list, scan and open every file again.
    func discover(expecting domains: Int, operations: Int) -> Measurement {
        let (sources, _) = makeSources()
        var found = 0
        let measurement = Measurement.run("discover", operations: operations, warmup: 10) {
            for source in sources { found += source.discover().domains.count }
        }
        check(found == (operations + 10) * domains, "discover: found \(found) domains, expected \(domains) each time")
        return measurement
    }

    private func check(_ condition: Bool, _ message: String) {
        if !condition { fatalError("sampling-benchmark: \(message)") }
    }
}
