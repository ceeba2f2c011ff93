import Testing

@testable import FrugalFleet
