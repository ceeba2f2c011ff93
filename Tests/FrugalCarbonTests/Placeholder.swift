import Testing

@testable import FrugalCarbon
