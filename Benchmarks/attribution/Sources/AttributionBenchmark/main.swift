import Foundation

// The month benchmark: a simulated month of one inference host through the
// Attributor, window by window as live attribution does. See
// Benchmarks/README.md ("attribution").
//
//   attribution-benchmark generate DIR [--days 30] [--peak-scale 2.2]
//   attribution-benchmark run DIR [--threads 2] [--fit-every 96]
//   attribution-benchmark step DIR [--calls 20000]

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: Double) -> Double {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return Double(arguments[index + 1]) ?? fallback
}
guard arguments.count >= 2 else {
    print("usage: attribution-benchmark generate|run|step DIR [options]")
    exit(64)
}
let directory = URL(fileURLWithPath: arguments[1])
switch arguments[0] {
case "generate":
    try MonthFiles.generate(
        into: directory, days: Int(option("--days", 30)), peakScale: option("--peak-scale", 2.2))
case "run":
    let month = try MonthFiles(directory)
    var run = MonthRun(month: month, threads: Int(option("--threads", 2)), fitEvery: Int(option("--fit-every", 96)))
    if arguments.contains("--windows") { run.limit = Int(option("--windows", 0)) }
    let report = try run.run()
    print(report)
case "step":
    let month = try MonthFiles(directory)
    print(try StepRun(month: month, calls: Int(option("--calls", 20_000))).run())
default:
    print("unknown mode \(arguments[0])")
    exit(64)
}
