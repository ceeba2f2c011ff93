import FrugalCore
import FrugalIngestUnderTest

/// What every parser's fuzz target does with its input: split it into lines
/// as a tailer would and parse each one, checking what a parser promises.
/// Format detection has a target of its own (`fuzz-detect`).
public enum FuzzSupport {
    public static let context = ParseContext(
        host: "fuzz", timeZone: .fixedOffset(seconds: 7_200), now: Timestamp(secondsSinceEpoch: 1_751_328_000))

    public static func parseLines(_ data: UnsafePointer<UInt8>, _ size: Int, with parser: any LogLineParser) {
        let buffer = UnsafeRawBufferPointer(start: data, count: size)
        let consumed = LineSplitter.forEachLine(in: buffer) { check(parser.parse($0, context: context)) }
        // The unterminated tail is a line too once the file is closed.
        check(parser.parse(UnsafeRawBufferPointer(rebasing: buffer[consumed...]), context: context))
    }

    static func check(_ result: Result<RequestRecord, LineRejection>) {
        switch result {
        case .success(let record):
            precondition(record.end >= record.start, "a record that ends before it starts")
            precondition(
                record.firstToken.map { $0 >= record.start && $0 <= record.end } ?? true, "first token outside")
            precondition((record.promptTokens ?? 0) >= 0 && (record.completionTokens ?? 0) >= 0, "negative tokens")
            precondition(!record.id.isEmpty, "a record without an id")
        case .failure(let rejection):
            precondition(!rejection.message.isEmpty, "a rejection without a message")
        }
    }
}
