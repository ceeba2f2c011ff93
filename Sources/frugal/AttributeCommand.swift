import ArgumentParser
import Foundation
import FrugalCore
import FrugalIngest
import FrugalRuntime

/// `frugal attribute`: attribution of recorded data, for researchers and auditors.
struct Attribute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attribute recorded energy counters to the requests of a gateway log.",
        discussion: """
            Inputs: counter readings as CSV (timestamp_ns,domain,energy_uj[,range_uj]) and a gateway \
            log (LiteLLM, Albert usage rows, nginx JSON, or Frugal JSONL; detected unless --format). \
            Output: one line per request (JSON lines, or CSV with --csv) with its dynamic, idle and \
            total joules, per-domain breakdown and method; OUTPUT.summary.json with per-model and \
            per-tenant totals, learned coefficients and the books of every domain; and \
            OUTPUT.rejected.jsonl with every log line that could not be read, and why.

            The books balance exactly: measured = idle + attributed + unattributed, per domain, in µJ.

            Example:
              frugal attribute --samples counters.csv --requests litellm.jsonl --output attributed.jsonl
            """)

    @Option(help: ArgumentHelp("Counter readings CSV.", valueName: "file"))
    var samples: String

    @Option(help: ArgumentHelp("The gateway log.", valueName: "file"))
    var requests: String

    @Option(
        help: "The log format: \(LogFormat.allCases.map(\.rawValue).joined(separator: ", ")); detected when absent.")
    var format: String?

    @Option(help: ArgumentHelp("The TOML configuration ([attribution] section).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Where to write the per-request lines.", valueName: "file"))
    var output: String

    @Flag(help: "Write CSV instead of JSON lines.")
    var csv = false

    @Option(help: "The host the log's requests ran on.")
    var host: String = "recorded"

    func validate() throws {
        if let format, LogFormat(rawValue: format) == nil {
            throw ValidationError(
                "--format \(format): use one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let settings = try ConfigFile.load(path: config, environment: ProcessInfo.processInfo.environment)
        guard let text = try? String(contentsOfFile: samples, encoding: .utf8) else {
            throw ValidationError("cannot read --samples \(samples)")
        }
        let readings = CounterReadings(csv: text)
        for error in readings.errors.prefix(20) { FileHandle.standardError.write(Data("\(samples): \(error)\n".utf8)) }
        let context = ParseContext(host: host, now: Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))
        let log = try RequestFile.read(
            path: requests, format: format.flatMap(LogFormat.init(rawValue:)), context: context)
        let output = BatchAttribution.run(readings: readings, requests: log.records, config: settings)
        try write(output, log: log)
        let summary = AttributionSummary(output.result, coefficients: output.coefficients)
        print(
            "Read \(readings.readings.count) counter readings (\(readings.errors.count) bad lines, \(output.gaps.count) gaps)"
        )
        print(
            "Read \(log.records.count) requests as \(log.format.rawValue) (\(log.rejected.count) rejected, \(log.duplicates) duplicates)"
        )
        print(summary.text())
        print(
            "Wrote \(output.result.requests.count) requests to \(self.output), the summary to \(self.output).summary.json"
        )
        guard summary.conserves else { throw ExitCode(70) }
    }

    private func write(_ output: BatchAttribution.Output, log: RequestFile) throws {
        // open(2), not FileManager.createFile: that writes a temporary file and renames it over
        // the path, which would replace a device such as /dev/null with a regular file.
        let fd = open(self.output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ValidationError("cannot write --output \(self.output): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var buffer = ""
        AttributionLines.write(output.result, csv: csv) { line in
            buffer += line
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        try handle.close()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let summary = AttributionSummary(output.result, coefficients: output.coefficients)
        try encoder.encode(summary).write(to: URL(fileURLWithPath: self.output + ".summary.json"))
        let rejected = try log.rejected.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }.joined(
            separator: "\n")
        try Data((rejected.isEmpty ? "" : rejected + "\n").utf8).write(
            to: URL(fileURLWithPath: self.output + ".rejected.jsonl"))
    }
}
