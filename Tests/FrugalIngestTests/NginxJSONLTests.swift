import FrugalCore
import FrugalIngest
import Testing

@Suite struct NginxTests {
    let context = Fixtures.context()

    @Test func defaultMappingReadsTheDocumentedLogFormat() throws {
        let parser = NginxParser()
        let results = try Fixtures.lines("nginx-frugal.jsonl").map { parser.parse($0, context: context) }
        let records = try results.map { try $0.get() }
        #expect(records[0].end == Timestamp(nanosecondsSinceEpoch: 1_749_204_521_455_000_000))
        #expect(records[0].duration == .milliseconds(731))
        #expect(records[0].tenant == "mairie-lyon" && records[0].promptTokens == 6 && records[0].completionTokens == 10)
        #expect(records[0].id == "5f1c0d9e8a7b4c3d2e1f0a9b8c7d6e5f" && records[0].endpoint == "/v1/chat/completions")
        // Unset variables are absent, never zero.
        #expect(records[1].tenant == "unknown" && records[1].model == "unknown" && records[1].promptTokens == nil)
        #expect(records[1].status == 401)
        #expect(records[2].completionTokens == 230)
    }

    @Test func aCustomMappingWithNestedKeysAndADefaultModel() throws {
        let mapping = NginxMapping(
            id: "req.id", time: "ts", requestTime: "req.duration", tenant: "user", model: nil, promptTokens: nil,
            completionTokens: nil, firstTokenSeconds: "req.ttfb", defaultModel: "llama-8b")
        let line = #"{"ts":"2025-06-06T10:08:41+00:00","req":{"id":"a1","duration":"2.000","ttfb":"0.5"},"user":"bob"}"#
        let record = try NginxParser(mapping: mapping).parse(line, context: context).get()
        #expect(record.start == Fixtures.utc("2025-06-06T10:08:39") && record.model == "llama-8b")
        #expect(record.firstToken == Fixtures.utc("2025-06-06T10:08:39.5") && record.tenant == "bob")
    }

    @Test func theBackendIsUpstreamAddrAsLogged() throws {
        let retried =
            #"{"request_id":"a","time":1749204521.4,"request_time":0.5,"upstream_addr":"10.0.0.4:8000, 10.0.0.5:8000"}"#
        #expect(try NginxParser().parse(retried, context: context).get().upstream == "10.0.0.4:8000, 10.0.0.5:8000")
        let unset = #"{"request_id":"a","time":1749204521.4,"request_time":0.5,"upstream_addr":"-"}"#
        #expect(try NginxParser().parse(unset, context: context).get().upstream == nil)
        let mapped = NginxMapping(upstream: "backend")
        let custom = #"{"request_id":"a","time":1749204521.4,"request_time":0.5,"backend":"gpu1:8000"}"#
        #expect(try NginxParser(mapping: mapped).parse(custom, context: context).get().upstream == "gpu1:8000")
    }

    @Test func missingTimesAndBadNumbersAreRejected() {
        let parser = NginxParser()
        #expect(parser.parse(#"{"request_id":"a","request_time":1}"#, context: context).failure?.field == "time")
        let text = #"{"request_id":"a","time":1749204521.4,"request_time":"slow"}"#
        #expect(parser.parse(text, context: context).failure?.reason == .wrongType)
        let negative = #"{"request_id":"a","time":1749204521.4,"request_time":0.1,"prompt_tokens":"-3"}"#
        #expect(parser.parse(negative, context: context).failure?.reason == .negativeTokens)
    }
}

@Suite struct JSONLTests {
    let context = Fixtures.context()

    @Test func theBackendIsOptional() throws {
        let line = #"{"id":"a","start":1749204521,"end":1749204522,"upstream":"http://gpu1:8000/v1"}"#
        #expect(try JSONLParser().parse(line, context: context).get().upstream == "http://gpu1:8000/v1")
        let without = #"{"id":"a","start":1749204521,"end":1749204522}"#
        #expect(try JSONLParser().parse(without, context: context).get().upstream == nil)
        let wrong = #"{"id":"a","start":1749204521,"end":1749204522,"upstream":8000}"#
        #expect(JSONLParser().parse(wrong, context: context).failure?.reason == .wrongType)
    }

    @Test func everyTimeNotationOfTheSchema() throws {
        let parser = JSONLParser()
        let records = try Fixtures.lines("generic.jsonl").map { try parser.parse($0, context: context).get() }
        #expect(records[0].start == Fixtures.utc("2025-06-06T10:08:18.724"))
        #expect(records[0].firstToken == Fixtures.utc("2025-06-06T10:08:18.820") && records[0].streaming == true)
        #expect(records[1].start == Timestamp(nanosecondsSinceEpoch: 1_749_204_526_663_000_000))
        #expect(records[2].start == Timestamp(nanosecondsSinceEpoch: 1_749_204_531_000_000_000))
        #expect(records[2].tenant == "unknown" && records[2].status == 500)
        #expect(records[3].start == Fixtures.utc("2025-06-06T10:08:40") && records[3].model == "unknown")
        #expect(records[3].end == Timestamp(nanosecondsSinceEpoch: 1_749_204_521_455_000_000))
    }

    @Test(arguments: [
        (1_749_204_521 as Int64, 1_749_204_521_000_000_000 as Int64),
        (1_749_204_521_455, 1_749_204_521_455_000_000),
        (1_749_204_521_455_123, 1_749_204_521_455_123_000),
        (1_749_204_521_455_123_456, 1_749_204_521_455_123_456),
    ])
    func epochUnitsAreToldApartByMagnitude(written: Int64, nanoseconds: Int64) throws {
        let line = #"{"id":"x","start":\#(written),"end":\#(written)}"#
        #expect(try JSONLParser().parse(line, context: context).get().start.nanosecondsSinceEpoch == nanoseconds)
    }
}
