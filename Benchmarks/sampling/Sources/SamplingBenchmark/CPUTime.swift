#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CPU time this process has used so far (`getrusage(RUSAGE_SELF)`),
/// split into user and system time, with the monotonic clock beside it.
struct CPUTime {
    var userNanoseconds: Int64
    var systemNanoseconds: Int64
    var wallNanoseconds: Int64

    var totalNanoseconds: Int64 { userNanoseconds + systemNanoseconds }

    static func now() -> CPUTime {
        var usage = rusage()
        #if os(Linux)
            let status = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            let status = getrusage(RUSAGE_SELF, &usage)
        #endif
        precondition(status == 0, "getrusage failed: errno \(errno)")
        var clock = timespec()
        clock_gettime(CLOCK_MONOTONIC, &clock)
        return CPUTime(
            userNanoseconds: nanoseconds(usage.ru_utime), systemNanoseconds: nanoseconds(usage.ru_stime),
            wallNanoseconds: Int64(clock.tv_sec) * 1_000_000_000 + Int64(clock.tv_nsec))
    }

    static func - (end: CPUTime, start: CPUTime) -> CPUTime {
        CPUTime(
            userNanoseconds: end.userNanoseconds - start.userNanoseconds,
            systemNanoseconds: end.systemNanoseconds - start.systemNanoseconds,
            wallNanoseconds: end.wallNanoseconds - start.wallNanoseconds)
    }

    private static func nanoseconds(_ value: timeval) -> Int64 {
        Int64(value.tv_sec) * 1_000_000_000 + Int64(value.tv_usec) * 1_000
    }
}

/// The CPU time of `operations` runs of one scenario.
struct Measurement {
    var name: String
    var operations: Int
    var cpu: CPUTime

    var cpuNanosecondsPerOperation: Double { Double(cpu.totalNanoseconds) / Double(operations) }
    var userNanosecondsPerOperation: Double { Double(cpu.userNanoseconds) / Double(operations) }
    var systemNanosecondsPerOperation: Double { Double(cpu.systemNanoseconds) / Double(operations) }
    var wallNanosecondsPerOperation: Double { Double(cpu.wallNanoseconds) / Double(operations) }

    /// Runs `body` `operations` times after `warmup` untimed runs.
    static func run(_ name: String, operations: Int, warmup: Int, _ body: () -> Void) -> Measurement {
        for _ in 0..<warmup { body() }
        let start = CPUTime.now()
        for _ in 0..<operations { body() }
        return Measurement(name: name, operations: operations, cpu: CPUTime.now() - start)
    }
}
