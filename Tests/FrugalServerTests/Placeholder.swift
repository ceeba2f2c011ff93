import Testing

@testable import FrugalServer
