import Foundation
import FrugalCore
import FrugalRuntime
import FrugalSimulation

// accuracy [seconds] [start-hour] [scenario…]
// Simulates each scenario (default: every preset) for `seconds` from
// `start-hour` (hours after the preset's start), runs `AccuracyEvaluation`
// exactly as `frugal simulate --evaluate` does, and prints one table with the
// CPU time each scenario took.

let arguments = Array(CommandLine.arguments.dropFirst())
let seconds = arguments.first.flatMap(Int.init) ?? 3_600
let startHour = arguments.dropFirst().first.flatMap(Int64.init) ?? 9
let named = Array(arguments.dropFirst(2))
let order = [
    "light-pinned", "heavy-pinned", "light-shared", "heavy-shared", "one-model", "many-models", "tp4-70b",
    "missing-first-token", "clock-offset",
]
let scenarios = named.isEmpty ? order : named
for name in scenarios where SimulationScenario.presets[name] == nil {
    FileHandle.standardError.write(Data("accuracy: no scenario \(name) (try \(order.joined(separator: ", ")))\n".utf8))
    exit(64)
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

var reports: [AccuracyEvaluation.Report] = []
for name in scenarios {
    var scenario = SimulationScenario.presets[name]!
    scenario.durationSeconds = seconds
    scenario.start = scenario.start + .seconds(startHour * 3_600)
    let before = cpuSeconds()
    let result = try Simulation.run(scenario)
    let report = try AccuracyEvaluation.run(result)
    reports.append(report)
    let spent = cpuSeconds() - before
    FileHandle.standardError.write(
        Data("\(name): \(report.requests) requests, \(String(format: "%.1f", spent)) s CPU\n".utf8))
}
print(AccuracyEvaluation.table(reports))
