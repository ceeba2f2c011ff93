import Foundation
import FrugalCore
import FrugalIngest

/// A gateway log read whole: its records, and its rejected lines kept aside
/// with why (nothing is dropped silently).
public struct RequestFile: Sendable {
    public struct Rejected: Sendable, Hashable, Codable {
        public var line: Int
        public var reason: String
        public var message: String
        public var text: String
    }

    public var format: LogFormat
    public var records: [RequestRecord]
    public var rejected: [Rejected]
    /// Records whose id repeated an earlier one: kept once.
    public var duplicates: Int

    /// Reads `path`; `format` nil means detect it from the first lines.
    public static func read(path: String, format: LogFormat?, context: ParseContext) throws -> RequestFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try data.withUnsafeBytes { bytes in try parse(bytes, format: format, context: context, path: path) }
    }

    static func parse(
        _ bytes: UnsafeRawBufferPointer, format: LogFormat?, context: ParseContext, path: String
    ) throws -> RequestFile {
        var lines: [UnsafeRawBufferPointer] = []
        let consumed = LineSplitter.forEachLine(in: bytes) { lines.append($0) }
        if consumed < bytes.count { lines.append(UnsafeRawBufferPointer(rebasing: bytes[consumed...])) }
        let detected = format ?? FormatDetector().detect(lines: lines.prefix(50).map { Array($0) })
        guard let chosen = detected else {
            throw RequestFileError(
                path: path, message: "no line looks like LiteLLM, Albert, nginx JSON or Frugal JSONL: give --format")
        }
        let parser = chosen.makeParser()
        var file = RequestFile(format: chosen, records: [], rejected: [], duplicates: 0)
        var seen = Set<String>()
        for (index, line) in lines.enumerated() {
            switch parser.parse(line, context: context) {
            case .success(let record):
                if seen.insert(record.id).inserted { file.records.append(record) } else { file.duplicates += 1 }
            case .failure(let rejection) where rejection.reason == .empty:
                continue
            case .failure(let rejection):
                let text = String(decoding: line.prefix(4_096), as: UTF8.self)
                file.rejected.append(
                    Rejected(
                        line: index + 1, reason: rejection.reason.rawValue, message: rejection.description, text: text))
            }
        }
        return file
    }
}

public struct RequestFileError: Error, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}
