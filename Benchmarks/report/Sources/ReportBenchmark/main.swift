import Foundation
import FrugalCore
import FrugalReport
import FrugalStore

// report-benchmark [--requests N] [--hosts N] [--month YYYY-MM] [--out DIR] [--reuse]
// (--reuse: keep the store of an earlier run in DIR instead of writing it again)
// Writes a seeded fleet month (and a lighter previous month), then times:
// figures from the rollups, HTML, and PDF end to end (figures + HTML + Chromium).

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

/// CPU seconds (user + system) of this process, or of its waited-for children (Chromium).
func cpuSeconds(children: Bool = false) -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
    #else
        getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage)
    #endif
    func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return value(usage.ru_utime) + value(usage.ru_stime)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let requests = Int(option("--requests", "1000000"))!
let hosts = Int(option("--hosts", "4"))!
let month = ReportMonth(parsing: option("--month", "2026-10"))!
let out = option("--out", FileManager.default.temporaryDirectory.appendingPathComponent("frugal-report-bench").path)
try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
let path = out + "/fleet.db"
let reuse = CommandLine.arguments.contains("--reuse") && FileManager.default.fileExists(atPath: path)
let clock = ContinuousClock()
var started = clock.now
if !reuse {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    var writer = try FleetWriter(
        fleet: FleetMonth(month: month, hosts: hosts, requests: requests, seed: 2026), path: path)
    try writer.write()
    var previous = try FleetWriter(
        fleet: FleetMonth(month: month.previous, hosts: hosts, requests: requests * 4 / 5, seed: 2025), path: path)
    previous.requestKey = writer.requestKey
    try previous.write()
}
let writeSeconds = seconds(clock.now - started)
let fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0

let store = try SQLiteStore(path: path, options: .init(readOnly: true))
let builder = ReportBuilder(
    store: store, carbon: StaticReportCarbon(zone: "FR"), equivalences: try EquivalenceTable.bundled(),
    options: .init(now: month.end + .seconds(86_400)))
let templates = try ReportTemplates.embedded()
if CommandLine.arguments.contains("--profile") { try await profileReads(store: store, month: month) }

var figureRuns: [Double] = []
var htmlRuns: [Double] = []
var figureCPU: [Double] = []
var htmlCPU: [Double] = []
var html = ""
var figures: ReportFigures?
for _ in 0..<3 {
    started = clock.now
    var cpu = cpuSeconds()
    let built = try await builder.build(month: month)
    figureRuns.append(seconds(clock.now - started))
    figureCPU.append(cpuSeconds() - cpu)
    let renderStart = clock.now
    cpu = cpuSeconds()
    html = try templates.html(built)
    htmlRuns.append(seconds(clock.now - renderStart))
    htmlCPU.append(cpuSeconds() - cpu)
    figures = built
}
try Data(html.utf8).write(to: URL(fileURLWithPath: out + "/report.html"))

var pdfRuns: [Double] = []
var pdfCPU: [Double] = []
let printer = try? PDFPrinter.locate()
if let printer {
    for _ in 0..<3 {
        started = clock.now
        let cpu = cpuSeconds() + cpuSeconds(children: true)
        let built = try await builder.build(month: month)
        try printer.print(html: try templates.html(built), to: out + "/report.pdf")
        pdfRuns.append(seconds(clock.now - started))
        pdfCPU.append(cpuSeconds() + cpuSeconds(children: true) - cpu)
    }
    _ = try? PDFPrinter.pages(pdf: out + "/report.pdf", prefix: out + "/page", dpi: 70)
}

func best(_ runs: [Double]) -> String { runs.isEmpty ? "–" : String(format: "%.3f s", runs.min()!) }
/// Wall and CPU of the run with the least wall time.
func best(_ runs: [Double], cpu: [Double]) -> String {
    guard let index = runs.indices.min(by: { runs[$0] < runs[$1] }) else { return "–" }
    return String(format: "%.3f s wall, %.3f s CPU", runs[index], cpu[index])
}
/// The 1-minute load average, as `uptime` prints it.
func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    return getloadavg(&loads, 3) == 3 ? String(format: "%.2f, %.2f, %.2f", loads[0], loads[1], loads[2]) : "?"
}
print("| measure | value |")
print("| --- | --- |")
print(
    "| load average (1, 5, 15 min) at the end | \(loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores |"
)
print("| month | \(month), \(hosts) hosts, \(figures?.headline.requests ?? 0) requests |")
print(
    "| store written (2 months) | \(reuse ? "reused" : String(format: "%.1f s", writeSeconds)), \(fileBytes / 1_048_576) MiB |"
)
print("| figures from the store (best of 3) | \(best(figureRuns, cpu: figureCPU)) |")
print("| HTML rendering (best of 3) | \(best(htmlRuns, cpu: htmlCPU)) |")
print(
    "| figures + HTML (best of 3) | "
        + "\(best(zip(figureRuns, htmlRuns).map { $0 + $1 }, cpu: zip(figureCPU, htmlCPU).map { $0 + $1 })) |")
print(
    "| PDF end to end, figures + HTML + Chromium (best of 3; CPU includes Chromium's) | "
        + "\(printer == nil ? "chromium missing" : best(pdfRuns, cpu: pdfCPU)) |"
)
print("| HTML size | \(html.utf8.count / 1024) KiB |")
print("\nfiles in \(out)")
