import FrugalCore
import FrugalIngest
import PropertyBased
import Testing

@Suite struct PropertyTests {
    static let samples: [[UInt8]] = Fixtures.sampleFiles.flatMap { file in
        ((try? Fixtures.lines(file)) ?? []).map { Array($0.utf8) }
    }

    /// Applies one edit: 0 flip a byte, 1 insert one, 2 delete a run, 3
    /// truncate, 4 duplicate a run.
    static func mutate(_ line: [UInt8], kind: Int, at position: Int, byte: UInt8) -> [UInt8] {
        guard !line.isEmpty else { return [byte] }
        var out = line
        let p = position % out.count
        switch kind {
        case 0: out[p] = byte
        case 1: out.insert(byte, at: p)
        case 2: out.removeSubrange(p..<min(out.count, p + Int(byte % 16) + 1))
        case 3: out.removeSubrange(p...)
        default: out.insert(contentsOf: out[p..<min(out.count, p + Int(byte))], at: p)
        }
        return out
    }

    @Test("any mutation of a real line parses or is rejected with a reason, in every format")
    func mutationsNeverCrash() async {
        let edit = Gen.int(in: 0...4).array(of: 1...6)
        await propertyCheck(
            count: 300, input: Gen.int(in: 0..<Self.samples.count), edit, Gen.int(in: 0...1_000_000),
            Gen.uint8(in: 0...255)
        ) { sample, kinds, position, byte in
            var line = Self.samples[sample]
            for (n, kind) in kinds.enumerated() {
                line = Self.mutate(
                    line, kind: kind, at: position &* (n + 7), byte: byte &+ UInt8(truncatingIfNeeded: n))
            }
            for format in LogFormat.allCases {
                switch format.makeParser().parse(line, context: Fixtures.context()) {
                case .success(let record):
                    #expect(record.end >= record.start && (record.promptTokens ?? 0) >= 0)
                case .failure(let rejection):
                    #expect(!rejection.message.isEmpty)
                }
            }
            _ = FormatDetector().detect(lines: [line])
        }
    }

    @Test("every truncation of every sample line is rejected, never half-read")
    func truncationsAreRejected() {
        for line in Self.samples where line.first == UInt8(ascii: "{") {
            let format = FormatDetector().detect(lines: [line])
            let parser = (format ?? .jsonl).makeParser()
            for cut in stride(from: 1, to: line.count - 1, by: 7) {
                let rejection = parser.parse(Array(line[..<cut]), context: Fixtures.context()).failure
                #expect(rejection?.reason == .truncated || rejection?.reason == .empty, "cut \(cut)")
            }
        }
    }

    static let names = Gen.letterOrNumber.string(of: 1...24)

    @Test("JSONL round trip: a record written in the schema, in any time notation, reads back equal")
    func jsonlRoundTrip() async {
        await propertyCheck(
            count: 300, input: Self.names, Gen.int64(in: 1_500_000_000_000_000_000...1_750_000_000_000_000_000),
            Gen.int64(in: 0...600_000_000_000), Gen.int(in: 0...4), Gen.int(in: -1...200_000), Gen.int(in: 0...5)
        ) { id, startNs, lengthNs, notation, tokens, optionals in
            let precision: Int64 = [1, 1, 1_000_000, 1_000, 1_000][notation]
            let start = Timestamp(nanosecondsSinceEpoch: startNs / precision * precision)
            let end = Timestamp(nanosecondsSinceEpoch: (startNs + lengthNs) / precision * precision)
            let expected = RequestRecord(
                id: id, host: "gpu-01", tenant: optionals > 2 ? "t-\(id)" : "unknown",
                model: optionals % 2 == 0 ? "m\(id)" : "unknown", start: start, end: end,
                promptTokens: tokens >= 0 ? tokens : nil, completionTokens: tokens >= 0 ? tokens / 3 : nil,
                status: optionals == 5 ? 503 : 200, streaming: optionals == 4 ? true : nil, format: "jsonl")
            let line = Self.jsonl(expected, notation: notation)
            let parsed = JSONLParser().parse(line, context: Fixtures.context())
            #expect(parsed.success == expected, "\(line)")
        }
    }

    static func jsonl(_ r: RequestRecord, notation: Int) -> String {
        func time(_ t: Timestamp) -> String {
            let ns = t.nanosecondsSinceEpoch
            switch notation {
            case 0: return "\"\(RFC3339.format(ns, offsetMinutes: 0))\""
            case 1: return "\"\(RFC3339.format(ns, offsetMinutes: 120))\""
            case 2: return "\(ns / 1_000_000)"
            case 3: return "\(ns / 1_000)"
            default: return "\(ns / 1_000_000_000).\(String(1_000_000 + ns / 1_000 % 1_000_000).dropFirst())"
            }
        }
        var fields = [#""id":"\#(r.id)""#, #""start":\#(time(r.start))"#, #""end":\#(time(r.end))"#]
        if r.tenant != "unknown" { fields.append(#""tenant":"\#(r.tenant)""#) }
        if r.model != "unknown" { fields.append(#""model":"\#(r.model)""#) }
        if let n = r.promptTokens { fields.append(#""prompt_tokens":\#(n)"#) }
        if let n = r.completionTokens { fields.append(#""completion_tokens":\#(n)"#) }
        if r.status != 200 { fields.append(#""status":\#(r.status)"#) }
        if let s = r.streaming { fields.append(#""stream":\#(s)"#) }
        return "{" + fields.reversed().joined(separator: ",") + "}"
    }
}

/// RFC 3339 text for a test's expectations, with nanoseconds.
enum RFC3339 {
    static func format(_ ns: Int64, offsetMinutes: Int) -> String {
        let local = ns + Int64(offsetMinutes) * 60_000_000_000
        let seconds = local.floorDiv(1_000_000_000)
        let fraction = local - seconds * 1_000_000_000
        let days = seconds.floorDiv(86_400)
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let s = seconds - days * 86_400
        func pad(_ v: Int64, _ width: Int) -> String {
            let text = String(v)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let zone =
            offsetMinutes == 0 ? "Z" : "+\(pad(Int64(offsetMinutes / 60), 2)):\(pad(Int64(offsetMinutes % 60), 2))"
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):"
            + "\(pad(s % 60, 2)).\(pad(fraction, 9))\(zone)"
    }
}

extension Int64 {
    func floorDiv(_ d: Int64) -> Int64 { self >= 0 ? self / d : (self - d + 1) / d }
}
