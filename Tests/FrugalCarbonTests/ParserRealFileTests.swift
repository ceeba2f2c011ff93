import FrugalCarbon
import Testing

/// The three eCO2mix shapes, read from real exports, give exactly the values
/// of the converted files in shared/data/grid (converted independently).
@Suite struct ParserRealFileTests {
    func points(_ result: GridParseResult) -> [(Int64, Double)] {
        result.points.map { ($0.quarterStartNanoseconds / 1_000_000_000, $0.gramsPerKilowattHour) }
    }

    @Test func odreCSVExportMatchesTheConvertedFile() throws {
        let bytes = try FixtureFiles.bytes("eco2mix/eco2mix-national-tr_2022-01_Zineb106-donn-es.csv")
        #expect(GridFileParser.detect(bytes) == .odreCSV)
        let result = ODRECSVParser.parse(bytes)
        let expected = try FixtureFiles.converted("fr_taux_co2_2022-01.csv")
        #expect(points(result).elementsEqual(expected) { $0 == $1 })
        // Rows without taux_co2 (the forecast tail) are counted, not fatal.
        #expect(result.problemCounts[.missingValue] == 1_920 - expected.count)
        #expect(result.problems.allSatisfy { $0.kind == .missingValue })
    }

    @Test func odreAPIRecordsMatchTheConvertedFile() throws {
        let bytes = try FixtureFiles.bytes("eco2mix/odre_eco2mix-national-tr_api_records_2025-08_ellebihan.json")
        #expect(GridFileParser.detect(bytes) == .odreJSON)
        let result = ODREJSONParser.parse(bytes)
        #expect(points(result).elementsEqual(try FixtureFiles.converted("fr_taux_co2_2025-08_api.csv")) { $0 == $1 })
        #expect(result.problems.isEmpty)
        #expect(result.points.allSatisfy { $0.nature == .realTime })
    }

    @Test func rteDownloadInLocalTimeMatchesTheConvertedFile() throws {
        let bytes = try FixtureFiles.bytes("eco2mix/rte_eco2mix_tr_local-time_2025-07-01_ellebihan.csv")
        #expect(GridFileParser.detect(bytes) == .rteDownload)
        let result = RTEDownloadParser.parse(bytes)
        #expect(points(result).elementsEqual(try FixtureFiles.converted("fr_taux_co2_2025-07-01.csv")) { $0 == $1 })
        #expect(result.problems.isEmpty)
    }

    @Test func theBundledHistoryIsTheDataFileAndTheRealExports() throws {
        #expect(BundledGridHistory.france.quarters.count == 1_811 + 96 + 96)
        let text = try FixtureFiles.repositoryText("Data/grid/fr_taux_co2_runs.csv")
        let fromFile = BundledGridHistory(runsCSV: text).quarters
        #expect(fromFile.elementsEqual(BundledGridHistory.france.quarters) { $0 == $1 })
        var expected: [(Int64, Double)] = []
        for name in ["fr_taux_co2_2022-01.csv", "fr_taux_co2_2025-07-01.csv", "fr_taux_co2_2025-08_api.csv"] {
            expected += try FixtureFiles.converted(name).map { ($0.0 / 900, $0.1) }
        }
        #expect(fromFile.elementsEqual(expected.sorted { $0.0 < $1.0 }) { $0 == $1 })
    }
}
