import FrugalCore
import Testing

@Suite("HostTotal: no joule counted twice")
struct HostTotalTests {
    func domain(_ id: String, _ kind: DomainKind, parent: String? = nil) -> Domain {
        Domain(
            id: DomainID(id), kind: kind, name: id, source: "test", method: .energyCounter,
            parent: parent.map { DomainID($0) }, location: id)
    }

    var server: [Domain] {
        [
            domain("pkg0", .package), domain("core0", .core, parent: "pkg0"),
            domain("uncore0", .uncore, parent: "pkg0"),
            domain("dram0", .dram, parent: "pkg0"), domain("pkg1", .package), domain("dram1", .dram, parent: "pkg1"),
            domain("gpu0", .gpu), domain("fan", .other),
        ]
    }

    @Test func subZonesInsideTheirPackageAreNeverAdded() {
        let ids = HostTotal.domains(server).map(\.id.rawValue)
        #expect(ids == ["dram0", "dram1", "fan", "gpu0", "pkg0", "pkg1"])
        #expect(!HostTotal.coversWholeNode(server))
    }

    @Test func psysReplacesPackagesAndDram() {
        let ids = HostTotal.domains(server + [domain("psys", .psys)]).map(\.id.rawValue)
        #expect(ids == ["fan", "gpu0", "psys"])
    }

    @Test func aWholeNodeMeterIsTheTotal() {
        let all = server + [domain("meter", .node)]
        #expect(HostTotal.domains(all).map(\.id.rawValue) == ["meter"])
        #expect(HostTotal.coversWholeNode(all))
    }
}
