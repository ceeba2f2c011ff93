import Testing

@testable import FrugalCarbon

/// Inputs libFuzzer found crashing a parser, kept so they never crash again.
@Suite struct FuzzRegressionTests {
    /// `fuzz-eco2mix-rte`: a date far past 2200 overflowed in nanoseconds.
    @Test func aDateBeyondAnyGridRecordIsAProblemNotACrash() throws {
        let result = RTEDownloadParser.parse(try FixtureFiles.bytes("fuzz/rte-year-overflow.csv"))
        #expect(result.points.allSatisfy { $0.quarterStartNanoseconds >= 0 })
        #expect(!result.problems.isEmpty)
    }
}
