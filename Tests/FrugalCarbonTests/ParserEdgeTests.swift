import FrugalCarbon
import Testing

/// The shapes' quirks: DST in local times, ND, Latin-1, half-hourly values,
/// API envelopes, duplicates, rows that give nothing.
@Suite struct ParserEdgeTests {
    static let dstStartSeconds: Int64 = 1_761_429_600  // 2025-10-25T22:00Z, Paris midnight of 26 October

    @Test func rteDownloadOnThe25HourDayPlacesTheRepeatedHourByOrder() throws {
        let bytes = try FixtureFiles.bytes("eco2mix/synthetic_rte_dst_2025-10-26.xls")
        #expect(GridFileParser.detect(bytes) == .rteDownload)
        let result = RTEDownloadParser.parse(bytes)
        // 100 quarters in the day, the last three ND; the disclaimer is no row.
        #expect(result.points.count == 97)
        #expect(result.problemCounts == [.missingValue: 3])
        for (i, point) in result.points.enumerated() {
            #expect(point.quarterStartNanoseconds / 1_000_000_000 == Self.dstStartSeconds + Int64(i) * 900)
            #expect(point.gramsPerKilowattHour == Double(20 + i % 30))
        }
    }

    @Test func odreAPIRecordsOnThe25HourDayKeepTheirOffsets() throws {
        let bytes = try FixtureFiles.bytes("odre/synthetic_dst_2025-10-26.json")
        let result = ODREJSONParser.parse(bytes)
        #expect(result.points.count == 100)
        #expect(result.points.last?.quarterStartNanoseconds == (Self.dstStartSeconds + 99 * 900) * 1_000_000_000)
    }

    @Test func aLocalTimeInTheSkippedSpringHourIsAProblem() {
        let text = "Date,Heures,Taux de CO2\n2025-03-30,01:45,30\n2025-03-30,02:00,31\n2025-03-30,03:00,32\n"
        let result = RTEDownloadParser.parse(Array(text.utf8))
        #expect(result.points.map(\.gramsPerKilowattHour) == [30, 32])
        #expect(result.problemCounts == [.nonexistentLocalTime: 1])
        #expect(result.points[1].quarterStartNanoseconds - result.points[0].quarterStartNanoseconds == 900_000_000_000)
    }

    @Test func consolidatedHalfHourlyValuesHoldForBothQuarters() {
        let text = """
            perimetre;nature;date;heure;date_heure;taux_co2
            France;Données définitives;2024-01-10;10:00;2024-01-10T10:00:00+01:00;50
            France;Données définitives;2024-01-10;10:15;2024-01-10T10:15:00+01:00;
            France;Données définitives;2024-01-10;10:30;2024-01-10T10:30:00+01:00;60
            France;Données définitives;2024-01-10;10:45;2024-01-10T10:45:00+01:00;
            """
        let result = ODRECSVParser.parse(Array(text.utf8))
        #expect(result.points.map(\.gramsPerKilowattHour) == [50, 50, 60, 60])
        #expect(result.points.allSatisfy { $0.nature == .consolidated })
        #expect(result.problems.isEmpty)
    }

    @Test func everyAPIEnvelopeAndValueSpelling() {
        let v21 =
            #"{"total_count": 2, "results": [{"date_heure": "2025-08-22T00:00:00+00:00", "taux_co2": 14},"#
            + #"{"date_heure": "2025-08-22T00:15:00Z", "taux_co2": "15"}]}"#
        let v20 = #"{"records": [{"record": {"fields": {"date_heure": "2025-08-22T02:00:00+02:00", "taux_co2": 14}}}]}"#
        let v1 =
            #"{"nhits": 1, "records": [{"fields": {"date_heure": "2025-08-22T00:00:00+00:00", "taux_co2": 14.0}}]}"#
        let (result, total) = ODREJSONParser.parseWithTotal(Array(v21.utf8))
        #expect(result.points.map(\.gramsPerKilowattHour) == [14, 15])
        #expect(total == 2)
        #expect(ODREJSONParser.parse(Array(v20.utf8)).points == ODREJSONParser.parse(Array(v1.utf8)).points)
        #expect(
            ODREJSONParser.parse(Array(v20.utf8)).points.first?.quarterStartNanoseconds == 1_755_820_800_000_000_000)
    }

    @Test func badRowsAreCountedByKindAndGoodRowsKept() {
        let json = """
            [{"date_heure": "2025-08-22T00:00:00+00:00", "taux_co2": 14},
             {"date_heure": "2025-08-22T00:00:00+00:00", "taux_co2": 14},
             {"date_heure": "2025-08-22T00:00:00+00:00", "taux_co2": 99},
             {"date_heure": "2025-08-22T00:07:00+00:00", "taux_co2": 14},
             {"date_heure": "yesterday", "taux_co2": 14},
             {"date_heure": "2025-08-22T00:15:00+00:00", "taux_co2": null},
             {"date_heure": "2025-08-22T00:30:00+00:00", "taux_co2": "lots"},
             {"taux_co2": 3}, 7]
            """
        let result = ODREJSONParser.parse(Array(json.utf8))
        #expect(result.points.count == 1)
        #expect(result.duplicateRows == 1)
        #expect(
            result.problemCounts == [
                .conflictingDuplicate: 1, .offGrid: 1, .malformed: 4, .missingValue: 1,
            ])
    }

    @Test func unrecognisedInputIsNoFormat() {
        #expect(GridFileParser.detect(Array("hello,world\n1,2\n".utf8)) == nil)
        #expect(GridFileParser.detect([]) == nil)
        #expect(ODREJSONParser.parse(Array("{\"results\": [".utf8)).problemCounts == [.malformed: 1])
    }
}
