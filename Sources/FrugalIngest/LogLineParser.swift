import FrugalCore

/// A parser of one log format: one line in, a record or a rejection out.
///
/// Parsers hold reusable scratch state (a `JSONScanner`, a CSV header): use
/// one per file or task, never share one between tasks.
public protocol LogLineParser: AnyObject {
    var format: LogFormat { get }
    /// Parses a line already stripped of its newline, BOM and length
    /// checks; use `parse(_:context:)`, which does those first.
    func parseRecord(_ line: UnsafeRawBufferPointer, context: ParseContext) throws(LineRejection) -> RequestRecord
}

extension LogLineParser {
    /// Parses one line (with or without its `\n` / `\r\n`). A leading UTF-8
    /// byte-order mark is ignored; a line of whitespace is `.empty`; a line
    /// over `context.maxLineBytes` is `.tooLong` without being read.
    public func parse(_ line: UnsafeRawBufferPointer, context: ParseContext) -> Result<RequestRecord, LineRejection> {
        let trimmed = LineText.trim(line)
        if trimmed.count > context.maxLineBytes {
            return .failure(
                LineRejection(.tooLong, "the line is \(trimmed.count) bytes, over the \(context.maxLineBytes) limit"))
        }
        if LineText.isBlank(trimmed) { return .failure(LineRejection(.empty, "an empty line")) }
        do throws(LineRejection) {
            let record = try parseRecord(trimmed, context: context)
            try RecordChecks.validate(record, context: context)
            return .success(record)
        } catch {
            return .failure(error)
        }
    }

    public func parse(_ line: [UInt8], context: ParseContext) -> Result<RequestRecord, LineRejection> {
        line.withUnsafeBytes { parse($0, context: context) }
    }

    public func parse(_ line: String, context: ParseContext) -> Result<RequestRecord, LineRejection> {
        var copy = line
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), context: context) }
    }
}

/// The checks every record passes, whatever its format.
enum RecordChecks {
    static func validate(_ r: RequestRecord, context: ParseContext) throws(LineRejection) {
        for (name, t) in [("start", r.start), ("end", r.end), ("first_token", r.firstToken)] {
            if let t, t < ParseContext.earliestAccepted {
                throw LineRejection(
                    .badTimestamp, field: name,
                    "\(name) is \(t.nanosecondsSinceEpoch) ns since 1970, before 2000-01-01: not a logged time")
            }
        }
        // Both within [2000, now + skew] from here: their differences fit in 64 bits.
        guard r.end >= r.start else {
            throw LineRejection(
                .endBeforeStart, field: "end",
                "the request ends \(Double((r.start - r.end).nanoseconds) / 1e9) s before it starts")
        }
        if let first = r.firstToken, first < r.start || first > r.end {
            throw LineRejection(.firstTokenOutside, field: "first_token", "the first token is outside [start, end]")
        }
        let latest = context.latestAccepted
        for (name, t) in [("start", r.start), ("end", r.end)] where t > latest {
            throw LineRejection(
                .futureTimestamp, field: name,
                "\(name) is \(Double((t - context.now).nanoseconds) / 86_400e9) days after now")
        }
        for (name, n) in [("prompt_tokens", r.promptTokens), ("completion_tokens", r.completionTokens)] {
            if let n, n < 0 { throw LineRejection(.negativeTokens, field: name, "\(name) is \(n)") }
        }
    }
}

/// Line framing: newline, carriage return, byte-order mark.
enum LineText {
    static func trim(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = line.count
        while upper > lower && (line[upper - 1] == 0x0A || line[upper - 1] == 0x0D) { upper -= 1 }
        if upper - lower >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF { lower = 3 }
        return UnsafeRawBufferPointer(rebasing: line[lower..<upper])
    }

    static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
