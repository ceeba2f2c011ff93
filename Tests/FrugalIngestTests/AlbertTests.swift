import FrugalCore
import FrugalIngest
import Testing

@Suite struct AlbertTests {
    let context = Fixtures.context()

    func parseAll(_ file: String, zone: LogTimeZone = .utc) throws -> [Result<RequestRecord, LineRejection>] {
        let parser = AlbertParser()
        return try Fixtures.lines(file).map { parser.parse($0, context: Fixtures.context(zone)) }
    }

    @Test func datetimeIsTheStartAndDurationGivesTheEnd() throws {
        let records = try parseAll("albert-usage.jsonl").map { try $0.get() }
        #expect(records.count == 4)
        let first = records[0]
        #expect(first.id == "albert-usage-1201")
        #expect(first.start == Fixtures.utc("2025-06-06T10:08:18.724113"))
        #expect(first.end == first.start + .milliseconds(689))
        #expect(first.firstToken == nil && first.streaming == false)
        #expect(first.model == "meta-llama/Llama-3.1-8B-Instruct" && first.tenant == "key:12")
        #expect(first.promptTokens == 6 && first.completionTokens == 9 && first.endpoint == "/v1/chat/completions")
        #expect(records[1].firstToken == records[1].start + .milliseconds(95) && records[1].streaming == true)
        #expect(records[2].tenant == "user:7")
    }

    @Test func ecoLogitsEstimatesAreKeptBesideTheRecord() throws {
        let records = try parseAll("albert-usage.jsonl").map { try $0.get() }
        #expect(records[0].gatewayEstimate == nil)
        #expect(
            records[3].gatewayEstimate
                == GatewayEstimate(
                    energyMinKilowattHours: 1.27e-05, energyMaxKilowattHours: 3.08e-05, co2eMinKilograms: 7.1e-07,
                    co2eMaxKilograms: 1.72e-06, method: "albert/ecologits"))
    }

    @Test func csvExportGivesTheSameRecordsAsJSON() throws {
        let csv = try parseAll("albert-usage.csv")
        #expect(csv.first?.failure?.reason == .header)
        #expect(csv.first?.failure?.isQuarantined == false)
        let fromCSV = try csv.dropFirst().map { try $0.get() }
        let fromJSON = try parseAll("albert-usage.jsonl").map { try $0.get() }
        #expect(fromCSV == fromJSON)
    }

    @Test func aCSVRowBeforeAnyHeaderIsRejected() throws {
        let row = try Fixtures.lines("albert-usage.csv")[1]
        #expect(AlbertParser().parse(row, context: context).failure?.reason == .notJSON)
        let header = try Fixtures.lines("albert-usage.csv")[0]
        #expect(AlbertParser(csvHeader: header).parse(row, context: context).success?.id == "albert-usage-1201")
    }

    @Test func csvRowsWithQuotesAndTooFewFields() throws {
        let parser = AlbertParser(csvHeader: "id,datetime,duration,endpoint,model")
        let quoted = #"5,2025-06-06 10:00:00,10,"/v1/chat/completions","a ""quoted"", model""#
        #expect(try parser.parse(quoted, context: context).get().model == #"a "quoted", model"#)
        #expect(parser.parse("5,2025-06-06 10:00:00,10", context: context).failure?.reason == .badCSV)
        #expect(parser.parse(#"5,2025-06-06 10:00:00,10,"/v1"#, context: context).failure?.reason == .truncated)
    }

    @Test func theGatewaysLocalZoneShiftsEveryTime() throws {
        let paris = try parseAll("albert-usage.jsonl", zone: .named("Europe/Paris")).map { try $0.get() }
        #expect(paris[0].start == Fixtures.utc("2025-06-06T08:08:18.724113"))
        let fixed = try parseAll("albert-usage.jsonl", zone: .fixedOffset(seconds: 3_600)).map { try $0.get() }
        #expect(fixed[0].start == Fixtures.utc("2025-06-06T09:08:18.724113"))
    }

    @Test func rowsWithoutDurationOrWithNegativeOnesAreRejected() throws {
        let parser = AlbertParser()
        let noDuration = #"{"id":1,"datetime":"2025-06-06T10:00:00","duration":null,"endpoint":"/v1/models"}"#
        #expect(parser.parse(noDuration, context: context).failure?.field == "duration")
        let negative = #"{"id":1,"datetime":"2025-06-06T10:00:00","duration":-5,"endpoint":"/v1/models"}"#
        #expect(parser.parse(negative, context: context).failure?.reason == .endBeforeStart)
        let fractional =
            #"{"id":1,"datetime":"2025-06-06T10:00:00","duration":5,"completion_tokens":2.5,"endpoint":"/"}"#
        #expect(parser.parse(fractional, context: context).failure?.reason == .wrongType)
    }
}
