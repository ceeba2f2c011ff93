import Testing

@testable import FrugalReport
