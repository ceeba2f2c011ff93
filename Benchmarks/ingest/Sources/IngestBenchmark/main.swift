import Foundation
import FrugalCore
import FrugalIngest

// ingest-benchmark [--lines N] [--file PATH] [--seed S] [--keep] [--reuse] [--skip-jq]
//                  [--frugal BIN | --in-process] [--runs N]
// --reuse parses an existing file as it is (no generation); --skip-jq
// measures FrugalIngest alone (for a profiler); --frugal also runs
// `BIN ingest FILE --store sqlite:…` (parse + SQLite commit) in each run,
// --in-process the same pipeline inside this process (for a profiler);
// --runs repeats parse, ingest and jq, interleaved, and reports medians.
var lineCount = 1_000_000
var path = NSTemporaryDirectory() + "frugal-ingest-bench.jsonl"
var seed: UInt64 = 42
var keep = false
var reuse = false
var skipJQ = false
var frugalBinary: String?
var inProcess = false
var runs = 1
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--lines": lineCount = Int(arguments.next() ?? "") ?? lineCount
    case "--file": path = arguments.next() ?? path
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    case "--keep": keep = true
    case "--reuse": reuse = true
    case "--skip-jq": skipJQ = true
    case "--frugal": frugalBinary = arguments.next()
    case "--in-process": inProcess = true
    case "--runs": runs = max(1, Int(arguments.next() ?? "") ?? runs)
    default:
        FileHandle.standardError.write(
            Data(
                "usage: ingest-benchmark [--lines N] [--file PATH] [--seed S] [--keep] [--reuse] [--skip-jq] [--frugal BIN | --in-process] [--runs N]\n"
                    .utf8))
        exit(64)
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

// 1. The file.
var bytesWritten = 0
var generation = 0.0
if reuse {
    let text = try Data(contentsOf: URL(fileURLWithPath: path))
    bytesWritten = text.count
    var lines = 0
    text.withUnsafeBytes { _ = LineSplitter.forEachLine(in: $0) { _ in lines += 1 } }
    lineCount = lines
    keep = true
} else {
    generation = try seconds {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var generator = PayloadGenerator(seed: seed)
        var chunk = ""
        for _ in 0..<lineCount {
            chunk += generator.line()
            chunk += "\n"
            if chunk.utf8.count > 4 << 20 {
                bytesWritten += chunk.utf8.count
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        bytesWritten += chunk.utf8.count
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()
    }
}
print(
    "file: \(path), \(lineCount) lines, \(bytesWritten / lineCount) bytes/line on average (made in \(String(format: "%.1f", generation)) s)"
)

// 2. FrugalIngest's parser alone, reading the file in 8 MiB chunks as a tailer would.
let context = ParseContext(host: "gpu-01", now: Timestamp(secondsSinceEpoch: 1_900_000_000))
@MainActor func parseFile() throws -> (parsed: Int, rejected: [LineRejection.Reason: Int], checksum: Int64) {
    var parsed = 0
    var rejected: [LineRejection.Reason: Int] = [:]
    var checksum: Int64 = 0
    let parser = LiteLLMParser()
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw CocoaError(.fileNoSuchFile) }
    defer { close(fd) }
    let capacity = 8 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    defer { buffer.deallocate() }
    var filled = 0
    while true {
        let count = read(fd, buffer.baseAddress! + filled, capacity - filled)
        guard count > 0 else { break }
        filled += count
        let consumed = LineSplitter.forEachLine(in: UnsafeRawBufferPointer(rebasing: buffer[0..<filled])) { line in
            switch parser.parse(line, context: context) {
            case .success(let record):
                parsed += 1
                checksum &+= record.end.nanosecondsSinceEpoch &+ Int64(record.promptTokens ?? 0)
            case .failure(let rejection): rejected[rejection.reason, default: 0] += 1
            }
        }
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[consumed..<filled]))
        filled -= consumed
    }
    return (parsed, rejected, checksum)
}

// 3. `frugal ingest` into a fresh SQLite store: parse and commit, exactly once.
let database = path + ".bench.db"
@MainActor func removeDatabase() {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
}
@MainActor func ingestFile(_ binary: String, report: String) throws -> Cost {
    removeDatabase()
    defer { removeDatabase() }
    return try measureChild(
        binary, ["ingest", path, "--store", "sqlite:" + database, "--format", "litellm", "--host", "gpu-01"],
        output: report)
}

// 4. jq on the same file, extracting the same fields.
let filter =
    "{id, startTime, endTime, completionStartTime, model, prompt_tokens, completion_tokens, status, k: .metadata.user_api_key_hash}"

var parseCosts: [Cost] = []
var ingestCosts: [Cost] = []
var jqCosts: [Cost] = []
@MainActor func rate(_ cost: Cost?) -> String {
    cost.map { String(format: "%9.0f", $0.linesPerSecond(lineCount)) } ?? "        -"
}
@MainActor func cpu(_ cost: Cost?) -> String {
    cost.map { String(format: "%6.2f", $0.cpuMicrosecondsPerLine(lineCount)) } ?? "     -"
}
print("run   parse l/s  cpu µs/l  ingest l/s  cpu µs/l     jq l/s  cpu µs/l  parse/jq  ingest/jq")
for run in 1...runs {
    var outcome = (parsed: 0, rejected: [LineRejection.Reason: Int](), checksum: Int64(0))
    let parse = try measureHere { outcome = try parseFile() }
    parseCosts.append(parse)
    if run == 1 {
        print("frugal parser: \(outcome.parsed) records, rejected \(outcome.rejected), checksum \(outcome.checksum)")
    }
    var ingest: Cost?
    if let frugalBinary {
        let report = path + ".ingest.txt"
        ingest = try ingestFile(frugalBinary, report: report)
        ingestCosts.append(ingest!)
        if run == 1 { print("frugal ingest: " + ((try? String(contentsOfFile: report, encoding: .utf8)) ?? "")) }
        try? FileManager.default.removeItem(atPath: report)
    } else if inProcess {
        removeDatabase()
        var inserted = 0
        ingest = try measureHere {
            inserted = try ingestInProcess(path: path, database: database, batchLines: 50_000, context: context)
        }
        ingestCosts.append(ingest!)
        removeDatabase()
        if run == 1 { print("in-process ingest: \(inserted) records inserted") }
    }
    var jq: Cost?
    if !skipJQ {
        jq = try measureChild("/usr/bin/jq", ["-c", filter, path])
        jqCosts.append(jq!)
    }
    let ratios =
        jq.map { jq in
            String(format: "%8.1f×  ", jq.wallSeconds / parse.wallSeconds)
                + (ingest.map { String(format: "%8.1f×", jq.wallSeconds / $0.wallSeconds) } ?? "        -")
        } ?? ""
    print(
        "\(String(format: "%3d", run)) \(rate(parse))    \(cpu(parse))   \(rate(ingest))    \(cpu(ingest))  \(rate(jq))    \(cpu(jq))  \(ratios)"
    )
}

// 5. Medians and ranges over the runs.
@MainActor func summary(_ name: String, _ costs: [Cost]) {
    guard !costs.isEmpty else { return }
    let rates = Spread(costs.map { $0.linesPerSecond(lineCount) })
    let cpus = Spread(costs.map { $0.cpuMicrosecondsPerLine(lineCount) })
    print("\(name) lines/s \(rates.text("%.0f")), CPU µs/line \(cpus.text("%.2f"))")
}
print("median (min–max) of \(runs) run(s), \(lineCount) lines, \(bytesWritten / 1_000_000) MB:")
summary("  parse: ", parseCosts)
summary("  ingest:", ingestCosts)
summary("  jq:    ", jqCosts)
if !jqCosts.isEmpty {
    // Each run's ratio compares steps that ran under the same load.
    let parseRatio = Spread(zip(parseCosts, jqCosts).map { $1.wallSeconds / $0.wallSeconds })
    print("  parse / jq lines/s:  \(parseRatio.text("%.1f"))×")
    if !ingestCosts.isEmpty {
        let ingestRatio = Spread(zip(ingestCosts, jqCosts).map { $1.wallSeconds / $0.wallSeconds })
        let cpuRatio = Spread(zip(ingestCosts, jqCosts).map { $1.cpuSeconds / $0.cpuSeconds })
        print("  ingest / jq lines/s: \(ingestRatio.text("%.1f"))× (goal ≥ 6×); by CPU time \(cpuRatio.text("%.1f"))×")
    }
}
if !keep { try? FileManager.default.removeItem(atPath: path) }
