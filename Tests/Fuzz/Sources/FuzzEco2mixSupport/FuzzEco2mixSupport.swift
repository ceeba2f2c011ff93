import FrugalCarbonParseUnderTest

/// What every eCO2mix parser promises, whatever the input.
public enum FuzzEco2mixSupport {
    public static func check(_ result: GridParseResult, size: Int) {
        var previous: Int64?
        for point in result.points {
            precondition(point.quarterStartNanoseconds % 900_000_000_000 == 0, "a value off the quarter-hour grid")
            precondition(point.gramsPerKilowattHour.isFinite && point.gramsPerKilowattHour >= 0, "a bad intensity")
            if let previous { precondition(point.quarterStartNanoseconds > previous, "values not sorted and unique") }
            previous = point.quarterStartNanoseconds
        }
        for problem in result.problems {
            precondition(!problem.detail.isEmpty, "a problem without a detail")
        }
        precondition(result.points.count <= size, "more values than input bytes")
    }
}
