import FrugalCore
import FrugalIngest
import Testing

/// Every kind of bad line the issue lists, each rejected with its reason,
/// and the good lines around it kept.
@Suite struct BadInputTests {
    let context = Fixtures.context()
    let good = #"{"id":"a","start":"2025-06-06T10:00:00Z","end":"2025-06-06T10:00:01Z","prompt_tokens":3}"#

    func reason(_ line: String, _ parser: any LogLineParser = JSONLParser()) -> LineRejection.Reason? {
        parser.parse(line, context: context).failure?.reason
    }

    @Test func truncatedLinesAtEveryLength() {
        let bytes = Array(good.utf8)
        for cut in 1..<bytes.count {
            let rejection = JSONLParser().parse(Array(bytes[..<cut]), context: context).failure
            #expect(rejection?.reason == .truncated, "cut at \(cut)")
        }
    }

    @Test func wrongTypesNameTheField() throws {
        let rejection = try #require(
            JSONLParser().parse(
                good.replacingOccurrences(of: #""prompt_tokens":3"#, with: #""prompt_tokens":"3""#), context: context
            )
            .failure)
        #expect(rejection.reason == .wrongType && rejection.field == "prompt_tokens")
        #expect(rejection.message.contains("prompt_tokens"))
        #expect(reason(#"{"id":["a"],"start":1,"end":2}"#) == .wrongType)
        #expect(reason(#"{"id":"a","start":true,"end":2}"#) == .wrongType)
    }

    @Test func endBeforeStart() {
        #expect(reason(#"{"id":"a","start":"2025-06-06T10:00:01Z","end":"2025-06-06T10:00:00Z"}"#) == .endBeforeStart)
    }

    @Test func firstTokenOutsideTheRequest() {
        let line = #"{"id":"a","start":1749204000,"end":1749204100,"first_token":1749204200}"#
        #expect(reason(line) == .firstTokenOutside)
    }

    @Test func negativeTokens() {
        #expect(reason(good.replacingOccurrences(of: "3}", with: "-3}")) == .negativeTokens)
    }

    @Test func farFutureTimestamps() {
        #expect(reason(#"{"id":"a","start":"2031-01-01T00:00:00Z","end":"2031-01-01T00:00:01Z"}"#) == .futureTimestamp)
        // Within the allowed skew (a day) a clock a little ahead is accepted.
        #expect(reason(#"{"id":"a","start":"2025-07-01T12:00:00Z","end":"2025-07-01T12:00:01Z"}"#) == nil)
    }

    @Test func timestampsBefore2000AreRejectedNotSubtracted() {
        // Found by fuzz-jsonl: an end 7.5·10¹⁸ ns before 1970 made "how long before its start
        // does it end" overflow 64 bits and trap. Stamps before 2000 are rejected first.
        let line = #"{"id":"req-004","start":"2025-05-06T12:08:40+02:00","end":-7492045214550000020}"#
        let rejection = JSONLParser().parse(line, context: context).failure
        #expect(rejection?.reason == .badTimestamp && rejection?.field == "end")
        #expect(reason(#"{"id":"a","start":"1999-12-31T23:59:59Z","end":"2025-06-06T10:00:00Z"}"#) == .badTimestamp)
        #expect(reason(#"{"id":"a","start":"2000-01-01T00:00:00Z","end":"2000-01-01T00:00:01Z"}"#) == nil)
        let early =
            #"{"id":"a","start":"2025-06-06T10:00:00Z","first_token":"1990-01-01T00:00:00Z","#
            + #""end":"2025-06-06T10:00:01Z"}"#
        #expect(JSONLParser().parse(early, context: context).failure?.field == "first_token")
    }

    @Test func timestampsThatAreNotTimes() {
        for text in [
            "yesterday", "2025-13-01T00:00:00Z", "2025-02-30 00:00:00", "2025-06-06T25:00:00", "2025-06-06T10:00:00+2",
        ] {
            #expect(reason(#"{"id":"a","start":"\#(text)","end":1}"#) == .badTimestamp, "\(text)")
        }
    }

    @Test func unknownFieldsAreIgnored() throws {
        let line = good.replacingOccurrences(of: "}", with: #","extra":{"nested":[1,2,{"x":null}]},"zz":"é"}"#)
        #expect(try JSONLParser().parse(line, context: context).get().promptTokens == 3)
    }

    @Test func emptyAndBlankLinesAreSkippedNotQuarantined() throws {
        for line in ["", "\n", "\r\n", "   \t", "\u{FEFF}"] {
            let rejection = try #require(JSONLParser().parse(line, context: context).failure)
            #expect(rejection.reason == .empty && !rejection.isQuarantined)
        }
    }

    @Test func byteOrderMarkAndCRLFAreIgnored() throws {
        let line = Array("\u{FEFF}".utf8) + Array(good.utf8) + [0x0D, 0x0A]
        #expect(try JSONLParser().parse(line, context: context).get().id == "a")
    }

    @Test func hugeLinesAreRejectedUnread() throws {
        let huge = #"{"id":"a","pad":""# + String(repeating: "x", count: (1 << 20) + 1) + #"","start":1,"end":2}"#
        let rejection = try #require(JSONLParser().parse(huge, context: context).failure)
        #expect(rejection.reason == .tooLong && rejection.isQuarantined)
        // Under the line limit but over a smaller string limit.
        var small = context
        small.jsonLimits = JSONLimits(maxStringBytes: 1_000)
        let long = #"{"id":"a","pad":""# + String(repeating: "x", count: 2_000) + #"","start":1,"end":2}"#
        #expect(JSONLParser().parse(long, context: small).failure?.reason == .tooLong)
    }

    @Test func invalidUTF8() {
        let line = Array(#"{"id":"a"#.utf8) + [0xC3, 0x28] + Array(#"","start":1,"end":2}"#.utf8)
        #expect(JSONLParser().parse(line, context: context).failure?.reason == .invalidUTF8)
        let csv = Array("1,2025-06-06 10:00:00,5,/v1/\u{FF}".utf8.dropLast(2)) + [0xFF]
        let parser = AlbertParser(csvHeader: "id,datetime,duration,endpoint")
        #expect(parser.parse(csv, context: context).failure?.reason == .invalidUTF8)
    }

    @Test func garbage() {
        for line in ["not json", "[]", "{}}", #"{"id":"a","start":1,"end":2} trailing"#, "\u{0}"] {
            #expect(reason(line) == .notJSON, "\(line)")
        }
        #expect(reason("{}") == .missingField)
    }

    @Test func goodLinesAroundBadOnesAreKept() {
        let lines = [good, "{\"id\":\"b\",\"sta", "", good.replacingOccurrences(of: #""a""#, with: #""c""#), "garbage"]
        let parser = JSONLParser()
        let results = lines.map { parser.parse($0, context: context) }
        #expect(results.compactMap(\.success).map(\.id) == ["a", "c"])
        #expect(results.compactMap(\.failure).map(\.reason) == [.truncated, .empty, .notJSON])
    }

    @Test func everyParserRejectsEveryKindOfGarbageWithoutCrashing() {
        let garbage = [
            "", "{", "{\"", "\u{FEFF}{}", "{\"a\":1}", String(repeating: "{\"a\":", count: 200), "a,b,c", "\"", ",,,",
        ]
        for format in LogFormat.allCases {
            let parser = format.makeParser()
            for line in garbage {
                #expect(parser.parse(line, context: context).failure != nil, "\(format) \(line)")
            }
        }
    }
}

@Suite struct TimeZoneTests {
    @Test func anUnknownZoneNameRejectsZoneLessTimesInsteadOfReadingUTC() throws {
        let context = Fixtures.context(.named("Europe/Atlantis"))
        let line = #"{"id":"a","start":"2025-06-06 10:00:00","end":"2025-06-06T10:00:01Z"}"#
        let rejection = try #require(JSONLParser().parse(line, context: context).failure)
        #expect(rejection.reason == .badTimestamp && rejection.field == "start")
        #expect(!LogTimeZone.named("Europe/Atlantis").isKnown && LogTimeZone.named("Europe/Paris").isKnown)
    }

    @Test func parisDaylightSavingTimeOnBothSides() throws {
        let context = Fixtures.context(.named("Europe/Paris"))
        let winter = #"{"id":"a","start":"2025-01-15 12:00:00","end":"2025-01-15 12:00:00"}"#
        let summer = #"{"id":"a","start":"2025-06-15 12:00:00","end":"2025-06-15 12:00:00"}"#
        #expect(try JSONLParser().parse(winter, context: context).get().start == Fixtures.utc("2025-01-15T11:00:00"))
        #expect(try JSONLParser().parse(summer, context: context).get().start == Fixtures.utc("2025-06-15T10:00:00"))
    }
}
