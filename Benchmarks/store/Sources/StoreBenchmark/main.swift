import Foundation
import FrugalCore
import FrugalStore

// store-benchmark [--days 30] [--per-second-days 1] [--dir PATH] [--seed 42] [--skip-naive] [--keep]
//                 [--resolution-ns 1000000]
// Simulates `days` of an 8-domain host at 1 Hz and writes it through
// SQLiteStore: the first `per-second-days` with one flush (one commit) per
// simulated second, as the daemon does (this measures the write rate), the
// rest with one flush per simulated minute (the same blocks and rollups, so
// the same file after VACUUM, in a fraction of the time). Then stores the
// same samples naively for comparison. Prints a Markdown report on stdout.

struct Options {
    var days = 30
    var perSecondDays = 1
    var directory = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-store-bench").path
    var seed: UInt64 = 42
    var skipNaive = false
    var keep = false
    var fillUntilFull = false
    /// Timestamp precision kept by the store, in ns: 1 ms, the setting
    /// recommended for the daemon (RAPL counters update about every ms).
    var resolutionNanoseconds: Int64 = 1_000_000

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let flag = rest.popFirst() {
            switch flag {
            case "--days": days = Int(rest.popFirst() ?? "") ?? days
            case "--per-second-days": perSecondDays = Int(rest.popFirst() ?? "") ?? perSecondDays
            case "--dir": directory = rest.popFirst() ?? directory
            case "--seed": seed = UInt64(rest.popFirst() ?? "") ?? seed
            case "--skip-naive": skipNaive = true
            case "--keep": keep = true
            case "--fill-until-full": fillUntilFull = true
            case "--resolution-ns": resolutionNanoseconds = Int64(rest.popFirst() ?? "") ?? resolutionNanoseconds
            default:
                FileHandle.standardError.write(
                    Data(
                        "usage: store-benchmark [--days N] [--per-second-days N] [--dir PATH] [--seed N] [--skip-naive] [--keep] [--resolution-ns N] [--fill-until-full]\n"
                            .utf8))
                exit(64)
            }
        }
    }
}

let options = Options(CommandLine.arguments)
if options.fillUntilFull { exit(try fillUntilFull(directory: options.directory)) }
let start = Timestamp(secondsSinceEpoch: 1_761_955_200)  // 2025-11-01 00:00 UTC
let totalSeconds = options.days * 86_400
let end = start + .seconds(totalSeconds + 1)
try? FileManager.default.removeItem(atPath: options.directory)
try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
let storePath = options.directory + "/frugal.sqlite"
var report: [String] = [
    "## store benchmark: \(options.days) days, 8 domains, 1 Hz, seed \(options.seed), "
        + "timestamps kept to \(options.resolutionNanoseconds) ns", "",
]

// 1. Write the month through the store, one commit per simulated second.
var simulator = HostSimulator(seed: options.seed, start: start)
let domains = simulator.domains
var truth = [DomainID: Int64]()
let storeOptions = SQLiteStore.Options(timestampResolution: .nanoseconds(options.resolutionNanoseconds))
let store = try SQLiteStore(path: storePath, options: storeOptions)
try store.registerHost(name: "bench-host", seenAt: start)
try store.register(domains: domains, seenAt: start)
let perSecondSeconds = min(options.perSecondDays, options.days) * 86_400
@MainActor func writeSecond() throws {
    let samples = simulator.tick()
    for sample in samples { truth[sample.domain, default: 0] += sample.energy.microjoules }
    try store.append(samples: samples, gaps: [])
}
let writtenBefore = bytesWrittenByProcess()
let writeSeconds = try seconds {
    for second in 0..<perSecondSeconds {
        try writeSecond()
        try store.flush()
        if second % 86_400 == 86_399 { note("store: day \(second / 86_400 + 1) written, a commit per second") }
    }
}
let bytesPerCommit = Double(bytesWrittenByProcess() - writtenBefore) / Double(max(perSecondSeconds, 1))
let bulkSeconds = try seconds {
    for second in perSecondSeconds..<totalSeconds {
        try writeSecond()
        if second % 60 == 59 { try store.flush() }
        if second % 86_400 == 86_399 { note("store: day \(second / 86_400 + 1) written, a commit per minute") }
    }
}
try store.close()
let sampleCount = Double(totalSeconds * domains.count)
let sizeBeforeVacuum = fileBytes(storePath)
let vacuumStore = try SQLiteStore(path: storePath)
try vacuumStore.vacuum()
try vacuumStore.close()
let sizeAfterVacuum = fileBytes(storePath)
let tables = try tableBytes(storePath)
report += [
    "| measure | value |", "| --- | --- |",
    "| samples written | \(Int(sampleCount)) |",
    "| sustained write rate, 1 commit per simulated second (\(perSecondSeconds / 86_400) d) | "
        + "\(Int(Double(perSecondSeconds * 8) / writeSeconds)) samples/s (\(Int(Double(perSecondSeconds) / writeSeconds)) commits/s) |",
    "| bytes written to disk per 1-second commit (WAL + checkpoints) | \(Int(bytesPerCommit)) B = "
        + "\(formatted(bytesPerCommit * 86_400 / 1e9)) GB/day |",
    "| write rate, 1 commit per simulated minute (rest) | "
        + "\(Int(Double((totalSeconds - perSecondSeconds) * 8) / max(bulkSeconds, 1e-9))) samples/s |",
    "| file before VACUUM | \(sizeBeforeVacuum) B = \(formatted(Double(sizeBeforeVacuum) / sampleCount)) B/sample |",
    "| file after VACUUM | \(sizeAfterVacuum) B = **\(formatted(Double(sizeAfterVacuum) / sampleCount)) B/sample** |",
]
for (name, bytes) in tables {
    report.append("| of which `\(name)` | \(bytes) B = \(formatted(Double(bytes) / sampleCount)) B/sample |")
}

// 2. Month energy per domain: rollups against decoding every raw block.
let reader = try SQLiteStore(path: storePath, options: .init(readOnly: true))
var rollupTimes: [Double] = []
var rawTimes: [Double] = []
for domain in domains {
    var fromRollups = Energy.zero
    rollupTimes.append(
        try medianSeconds(runs: 5) { fromRollups = try reader.energy(domain: domain.id, from: start, to: end) })
    var fromRaw = Energy.zero
    rawTimes.append(
        try medianSeconds(runs: 1) {
            fromRaw = try reader.samples(domain: domain.id, from: start, to: end).map(\.energy).sum()
        })
    precondition(
        fromRollups.microjoules == truth[domain.id] && fromRaw == fromRollups, "energy mismatch for \(domain.id)")
}
try reader.close()
report += [
    "| month energy of one domain from rollups (whole hours, then minutes) | \(formatted(rollupTimes.max()! * 1e3)) ms (worst of 8 domains, median of 5) |",
    "| month energy of one domain from raw blocks (decode all) | \(formatted(rawTimes.max()! * 1e3)) ms |",
]

// 3. The codec alone at three timestamp resolutions (two simulated days).
for (label, resolution) in [("ns", Int64(1)), ("µs", Int64(1_000)), ("ms", Int64(1_000_000))] {
    var codecSimulator = HostSimulator(seed: options.seed, start: start, resolutionNanoseconds: resolution)
    var bytesByKind = [String: (bytes: Int, samples: Int)]()
    for _ in 0..<(2 * 1_440) {
        var minute = [DomainID: [PackedSample]]()
        for _ in 0..<60 {
            for sample in codecSimulator.tick() {
                minute[sample.domain, default: []].append(
                    PackedSample(
                        endNanoseconds: sample.end.nanosecondsSinceEpoch,
                        elapsedNanoseconds: sample.elapsed.nanoseconds,
                        energyMicrojoules: sample.energy.microjoules, wrapped: sample.wrapped))
            }
        }
        for (domain, samples) in minute {
            let kind = String(domain.rawValue.prefix { $0 != ":" }) + (domain.rawValue.hasSuffix(":2") ? " dram" : "")
            let base = samples[0].endNanoseconds / 60_000_000_000 * 60_000_000_000
            let bytes = SampleBlockCodec.encode(samples, base: base).count
            bytesByKind[kind, default: (0, 0)].bytes += bytes
            bytesByKind[kind, default: (0, 0)].samples += samples.count
        }
    }
    let total = bytesByKind.values.reduce((0, 0)) { ($0.0 + $1.bytes, $0.1 + $1.samples) }
    let parts = bytesByKind.sorted { $0.key < $1.key }
        .map { "\($0.key) \(formatted(Double($0.value.bytes) / Double($0.value.samples)))" }.joined(separator: ", ")
    report.append(
        "| block payload, timestamps in \(label) | \(formatted(Double(total.0) / Double(total.1))) B/sample (\(parts)) |"
    )
}

// 4. The naive baseline.
if !options.skipNaive {
    let commitPath = options.directory + "/naive-commit.sqlite"
    var commitSimulator = HostSimulator(seed: options.seed, start: start)
    let commitStore = try NaiveStore(path: commitPath)
    let commitSeconds = 3_600
    let naiveWrittenBefore = bytesWrittenByProcess()
    let naiveWriteSeconds = try seconds {
        for _ in 0..<commitSeconds { try commitStore.db.transaction { try commitStore.append(commitSimulator.tick()) } }
    }
    let naiveBytesPerCommit = Double(bytesWrittenByProcess() - naiveWrittenBefore) / Double(commitSeconds)
    report += [
        "| naive write rate, 1 commit per second (1 h) | \(Int(Double(commitSeconds * 8) / naiveWriteSeconds)) samples/s |",
        "| naive bytes written per 1-second commit | \(Int(naiveBytesPerCommit)) B |",
    ]

    let naivePath = options.directory + "/naive.sqlite"
    var naiveSimulator = HostSimulator(seed: options.seed, start: start)
    var naive: NaiveStore? = try NaiveStore(path: naivePath)
    for hour in 0..<(totalSeconds / 3_600) {
        try naive!.db.transaction { for _ in 0..<3_600 { try naive!.append(naiveSimulator.tick()) } }
        if hour % 24 == 23 { note("naive: day \(hour / 24 + 1) written") }
    }
    for indexed in [false, true] {
        if indexed { try naive!.createIndex() }
        try naive!.db.execute("VACUUM")
        naive = nil
        let size = fileBytes(naivePath)
        naive = try NaiveStore(path: naivePath)
        var sum: Int64 = 0
        let time = try medianSeconds(runs: 3) {
            sum = try naive!.energyMicrojoules(
                domainKey: 4, from: start.nanosecondsSinceEpoch, to: end.nanosecondsSinceEpoch)
        }
        precondition(sum == truth[domains[4].id], "naive energy mismatch")
        let label = indexed ? "with (domain, time) index" : "no index"
        report += [
            "| naive one row per sample, \(label), after VACUUM | \(size) B = **\(formatted(Double(size) / sampleCount)) B/sample** |",
            "| naive month energy of one domain, \(label) | \(formatted(time * 1e3)) ms |",
        ]
    }
    naive = nil
}

print(report.joined(separator: "\n"))
if !options.keep { try? FileManager.default.removeItem(atPath: options.directory) }
