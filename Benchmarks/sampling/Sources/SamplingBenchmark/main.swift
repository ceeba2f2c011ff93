import FrugalCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// sampling-benchmark --sysfs-root DIR [--operations N] [--expect-domains N]
//     times read(), a sampler tick and a discovery, back to back;
// sampling-benchmark --sysfs-root DIR --loop task|thread --work none|tick [--seconds N]
//     wakes at 10 Hz for N seconds (default 60) and times the whole loop.
//
// Prints one tab-separated line per scenario after a '#' header: name,
// operations, CPU ns per operation (user + system, from getrusage), user ns,
// system ns, wall ns. run.sh reads these lines.

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
let scenarios = Scenarios(sysfsRoot: options.sysfsRoot, operations: options.operations)
let domains = scenarios.makeSources().domains
if let expected = options.expectDomains, domains.count != expected {
    printError("sampling-benchmark: \(domains.count) domains on \(options.sysfsRoot), expected \(expected)")
    exit(1)
}

let results: [Measurement]
if let wait = options.loop {
    let loop = WakeLoop(wait: wait, work: options.work, seconds: options.seconds, sysfsRoot: options.sysfsRoot)
    results = [try await loop.run(expecting: domains.count)]
} else {
    results = [
        scenarios.read(expecting: domains.count),
        scenarios.tick(expecting: domains.count, rediscoverEveryTicks: Scenarios.daemonRediscoverTicks, name: "tick"),
        scenarios.tick(expecting: domains.count, rediscoverEveryTicks: .max, name: "tick_no_rediscovery"),
        scenarios.discover(expecting: domains.count, operations: max(options.operations / 50, 100)),
    ]
    print("# domains \(domains.count): \(domains.map(\.id.rawValue).joined(separator: " "))")
}
print("# scenario\toperations\tcpu_ns_per_op\tuser_ns_per_op\tsystem_ns_per_op\twall_ns_per_op")
for result in results {
    let columns = [
        result.cpuNanosecondsPerOperation, result.userNanosecondsPerOperation,
        result.systemNanosecondsPerOperation, result.wallNanosecondsPerOperation,
    ].map { String(Int($0.rounded())) }
    print(([result.name, String(result.operations)] + columns).joined(separator: "\t"))
}
