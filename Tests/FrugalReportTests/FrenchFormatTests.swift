import Testing

@testable import FrugalReport

@Suite struct FrenchFormatTests {
    let nnbsp = "\u{202F}"

    @Test func groupsThousandsWithNarrowNoBreakSpaceAndDecimalComma() {
        #expect(FrenchFormat.number(1234.5, decimals: 1) == "1\(nnbsp)234,5")
        #expect(FrenchFormat.number(1_234_567.891, decimals: 2) == "1\(nnbsp)234\(nnbsp)567,89")
        #expect(FrenchFormat.number(999, decimals: 0) == "999")
        #expect(FrenchFormat.number(0.05, decimals: 1) == "0,1")
        #expect(FrenchFormat.number(-1234.5, decimals: 0) == "\u{2212}1\(nnbsp)235")
        #expect(FrenchFormat.number(-0.01, decimals: 1) == "0,0")
        #expect(FrenchFormat.integer(1_000_000) == "1\(nnbsp)000\(nnbsp)000")
    }

    @Test func quantityAndPercentUseTheRightSpaces() {
        #expect(FrenchFormat.quantity(1234.5, decimals: 1, unit: "kWh") == "1\(nnbsp)234,5\u{00A0}kWh")
        #expect(FrenchFormat.percent(0.125) == "12,5\(nnbsp)%")
        #expect(FrenchFormat.change(0.125) == "+12,5\(nnbsp)%")
        #expect(FrenchFormat.change(-0.03) == "\u{2212}3,0\(nnbsp)%")
    }

    @Test func approximateKeepsAboutThreeSignificantDigits() {
        #expect(FrenchFormat.approximate(0.012345) == "0,0123")
        #expect(FrenchFormat.approximate(12.345) == "12,3")
        #expect(FrenchFormat.approximate(12_345.6) == "12\(nnbsp)346")
        #expect(FrenchFormat.approximate(0) == "0")
        #expect(FrenchFormat.approximate(0.000001) == "<\u{00A0}0,0001")
        #expect(FrenchFormat.approximate(0.00004, maxDecimals: 2) == "<\u{00A0}0,01")
    }

    @Test func monthsAndDatesInFrench() {
        #expect(FrenchFormat.month(ReportMonth(year: 2026, month: 8)) == "août 2026")
        #expect(FrenchFormat.date(year: 2026, month: 10, day: 1) == "1er octobre 2026")
        #expect(FrenchFormat.date(year: 2026, month: 2, day: 23) == "23 février 2026")
    }
}
