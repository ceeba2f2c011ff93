import Foundation
import FrugalCore
import FrugalIngestUnderTest

// ingest-benchmark [--lines N] [--file PATH] [--seed S] [--keep] [--reuse] [--skip-jq]
// --reuse parses an existing file as it is (no generation); --skip-jq
// measures FrugalIngest alone (for a profiler).
var lineCount = 1_000_000
var path = NSTemporaryDirectory() + "frugal-ingest-bench.jsonl"
var seed: UInt64 = 42
var keep = false
var reuse = false
var skipJQ = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--lines": lineCount = Int(arguments.next() ?? "") ?? lineCount
    case "--file": path = arguments.next() ?? path
    case "--seed": seed = UInt64(arguments.next() ?? "") ?? seed
    case "--keep": keep = true
    case "--reuse": reuse = true
    case "--skip-jq": skipJQ = true
    default:
        FileHandle.standardError.write(
            Data("usage: ingest-benchmark [--lines N] [--file PATH] [--seed S] [--keep] [--reuse] [--skip-jq]\n".utf8))
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

// 2. FrugalIngest, reading the file in 8 MiB chunks as a tailer would.
let context = ParseContext(host: "gpu-01", now: Timestamp(secondsSinceEpoch: 1_900_000_000))
var parsed = 0
var rejected: [LineRejection.Reason: Int] = [:]
var checksum: Int64 = 0
let frugalSeconds = try seconds {
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
}
print("frugal: \(parsed) records, rejected \(rejected), checksum \(checksum)")

let frugalRate = Double(lineCount) / frugalSeconds
print(
    String(
        format: "frugal: %.2f s, %.0f lines/s, %.0f MB/s", frugalSeconds, frugalRate,
        Double(bytesWritten) / frugalSeconds / 1e6))

// 3. jq on the same file, extracting the same fields.
if !skipJQ {
    let filter =
        "{id, startTime, endTime, completionStartTime, model, prompt_tokens, completion_tokens, status, k: .metadata.user_api_key_hash}"
    let jqSeconds = try seconds {
        let jq = Process()
        jq.executableURL = URL(fileURLWithPath: "/usr/bin/jq")
        jq.arguments = ["-c", filter, path]
        jq.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try jq.run()
        jq.waitUntilExit()
        guard jq.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }
    let jqRate = Double(lineCount) / jqSeconds
    print(
        String(
            format: "jq:     %.2f s, %.0f lines/s, %.0f MB/s", jqSeconds, jqRate, Double(bytesWritten) / jqSeconds / 1e6
        ))
    print(String(format: "ratio:  %.1f× jq's lines/s (goal ≥ 6×)", frugalRate / jqRate))
}
if !keep { try? FileManager.default.removeItem(atPath: path) }
