import FrugalIngest
import Testing

@Suite struct FormatDetectorTests {
    @Test(arguments: [
        ("litellm-standard-logging-payload.jsonl", LogFormat.litellm), ("litellm-spend-logs.jsonl", .litellm),
        ("albert-usage.jsonl", .albert), ("albert-usage.csv", .albert), ("nginx-frugal.jsonl", .nginx),
        ("generic.jsonl", .jsonl),
    ])
    func detectsEverySample(file: String, format: LogFormat) throws {
        let lines = try Fixtures.lines(file).map { Array($0.utf8) }
        #expect(FormatDetector().detect(lines: lines) == format)
    }

    @Test func everySampleParsesWithTheDetectedFormat() throws {
        for file in Fixtures.sampleFiles {
            let lines = try Fixtures.lines(file)
            let format = try #require(FormatDetector().detect(lines: lines.map { Array($0.utf8) }))
            let parser = format.makeParser()
            let results = lines.map { parser.parse($0, context: Fixtures.context()) }
            #expect(results.allSatisfy { $0.success != nil || $0.failure?.reason == .header }, "\(file)")
        }
    }

    @Test func garbageAndBadLinesDoNotVote() {
        let lines = ["garbage", "{\"startTime\":", "", #"{"id":"a","start":1,"end":2}"#].map { Array($0.utf8) }
        #expect(FormatDetector().detect(lines: lines) == .jsonl)
        #expect(FormatDetector().detect(lines: [Array("nothing".utf8)]) == nil)
    }

    @Test func theMajorityWinsAndACustomNginxMappingIsRecognised() {
        let mapping = NginxMapping(time: "ts", requestTime: "rt")
        let nginx = #"{"ts":1749204521.4,"rt":0.2,"request_id":"x"}"#
        let jsonl = #"{"id":"a","start":1,"end":2}"#
        let lines = [nginx, jsonl, nginx].map { Array($0.utf8) }
        #expect(FormatDetector(nginxMapping: mapping).detect(lines: lines) == .nginx)
        #expect(FormatDetector().detect(line: nginx) == nil)
    }

    @Test func aCSVHeaderIsRecognisedInAnyCaseAndWithSpaces() {
        #expect(FormatDetector().detect(line: "ID, DateTime,Duration,ENDPOINT,model") == .albert)
        #expect(FormatDetector().detect(line: "id,datetime,duration") == nil)
        #expect(FormatDetector().detect(line: "id,date time,duration,endpoint") == nil)
        #expect(FormatDetector().detect(line: "datetim") == nil)
    }

    /// A dotted nginx key reaches into an object, as the parser reads it.
    @Test func aDottedNginxKeyIsLookedForInsideObjects() {
        let mapping = NginxMapping(time: "msec", requestTime: "upstream.request_time")
        #expect(
            FormatDetector(nginxMapping: mapping).detect(line: #"{"msec":1.5,"upstream":{"request_time":0.2}}"#)
                == .nginx)
        #expect(FormatDetector(nginxMapping: mapping).detect(line: #"{"msec":1.5,"upstream.request_time":0.2}"#) == nil)
    }
}
