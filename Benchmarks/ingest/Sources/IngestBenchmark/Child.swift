import Foundation

/// What one measured step cost: wall time and CPU time (user + system, of
/// every thread), in seconds.
struct Cost {
    var wallSeconds: Double
    var cpuSeconds: Double

    func linesPerSecond(_ lines: Int) -> Double { Double(lines) / wallSeconds }
    func cpuMicrosecondsPerLine(_ lines: Int) -> Double { cpuSeconds / Double(lines) * 1e6 }
}

private func cpuSeconds(_ who: __rusage_who) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(who.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

private func wallSeconds(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Measures `body`, run in this process.
func measureHere(_ body: () throws -> Void) rethrows -> Cost {
    let cpuBefore = cpuSeconds(RUSAGE_SELF)
    let wall = try wallSeconds(body)
    return Cost(wallSeconds: wall, cpuSeconds: cpuSeconds(RUSAGE_SELF) - cpuBefore)
}

/// Runs a program to its end, its output to `output` (nil: /dev/null), and
/// measures it: the children's CPU counts once they are reaped.
func measureChild(_ executable: String, _ arguments: [String], output: String? = nil) throws -> Cost {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let output {
        // Never for /dev/null: createFile writes a temporary file and renames it
        // over the path, which replaced the device node with a regular file.
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: output)
    } else {
        process.standardOutput = FileHandle.nullDevice
    }
    let cpuBefore = cpuSeconds(RUSAGE_CHILDREN)
    let wall = try wallSeconds {
        try process.run()
        process.waitUntilExit()
    }
    guard process.terminationStatus == 0 else {
        throw BenchmarkError("\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    return Cost(wallSeconds: wall, cpuSeconds: cpuSeconds(RUSAGE_CHILDREN) - cpuBefore)
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The median and the range of some measurements.
struct Spread {
    var median: Double
    var low: Double
    var high: Double

    init(_ values: [Double]) {
        precondition(!values.isEmpty, "a spread of something")
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        low = sorted.first!
        high = sorted.last!
    }

    func text(_ format: String) -> String {
        String(format: "\(format) (\(format)–\(format))", median, low, high)
    }
}
