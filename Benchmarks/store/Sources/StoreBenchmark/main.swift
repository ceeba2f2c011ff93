import Foundation
import FrugalCore
import FrugalStore

// Simulates `--days` of an 8-domain host at 1 Hz and writes it through
// SQLiteStore: the first `--per-second-days` with one flush (one commit) per
// simulated second, as the daemon does (this measures the write rate), the
// rest with one flush per simulated minute (the same blocks and rollups, so
// the same file after VACUUM, in a fraction of the time). Then stores the
// same samples naively for comparison. Prints a Markdown report on stdout.
// See Benchmarks/README.md, section "store".

let options = Options(CommandLine.arguments)
if options.fillUntilFull { exit(try fillUntilFull(directory: options.directory)) }
try? FileManager.default.removeItem(atPath: options.directory)
try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)

var report: [String] = [
    "## store benchmark: \(options.days) days, 8 domains, 1 Hz, seed \(options.seed), "
        + "timestamps kept to \(options.resolutionNanoseconds) ns", "",
    "| measure | value |", "| --- | --- |",
]
var storeRun = StoreRun(options: options)
try storeRun.run()
report += storeRun.report
report += codecPayloadLines(options: options)
if !options.skipNaive {
    let domain = storeRun.domains[4].id
    report += try naiveLines(options: options, checkDomain: domain, expectedMicrojoules: storeRun.truth[domain])
}
print(report.joined(separator: "\n"))
if !options.keep { try? FileManager.default.removeItem(atPath: options.directory) }
