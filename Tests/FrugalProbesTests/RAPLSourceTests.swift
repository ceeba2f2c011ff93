import Foundation
import FrugalCore
import FrugalProbes
import Testing

@Suite struct RAPLSourceTests {
    @Test func noPowercapIsAbsentWithTheModprobeFix() throws {
        let tree = try TestTree().write("class/hwmon/.keep", "")
        let discovery = RAPLSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.isEmpty)
        let problem = try #require(discovery.problems.first)
        #expect(discovery.problems.count == 1)
        #expect(problem.failure.kind == .absent)
        #expect(problem.location == "class/powercap")
        #expect(problem.failure.fix == "modprobe intel_rapl_msr")
        #expect(problem.failure.reason.contains("intel_rapl_common / intel_rapl_msr"))
    }

    @Test func aControlTypeWithoutZonesIsAbsent() throws {
        let tree = try TestTree().write("class/powercap/intel-rapl/enabled", "1\n")
        let discovery = RAPLSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.isEmpty)
        #expect(discovery.problems.map(\.failure.kind) == [.absent])
    }

    @Test func zonesSubZonesKindsAndParents() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0-die-0", energy: "10\n")
        try tree.zone("intel-rapl:0:0", name: "core", energy: "11\n")
        try tree.zone("intel-rapl:0:1", name: "uncore", energy: "12\n")
        try tree.zone("intel-rapl:0:2", name: "dram", energy: "13\n", range: "65712999613")
        try tree.zone("intel-rapl:1", name: "psys", energy: "14\n")
        try tree.zone("intel-rapl:a", name: "package-10", energy: "15\n")
        let source = RAPLSource(sysfsRoot: tree.root)
        let discovery = source.discover()
        #expect(discovery.problems.isEmpty)
        let byID = Dictionary(uniqueKeysWithValues: discovery.domains.map { ($0.id, $0) })
        #expect(byID["rapl:intel-rapl:0"]?.kind == .package)
        #expect(byID["rapl:intel-rapl:0:0"]?.kind == .core)
        #expect(byID["rapl:intel-rapl:0:1"]?.kind == .uncore)
        #expect(byID["rapl:intel-rapl:0:2"]?.kind == .dram)
        #expect(byID["rapl:intel-rapl:0:2"]?.counterRangeMicrojoules == 65_712_999_613)
        #expect(byID["rapl:intel-rapl:1"]?.kind == .psys)
        #expect(byID["rapl:intel-rapl:a"]?.kind == .package)
        #expect(byID["rapl:intel-rapl:0:1"]?.parent == "rapl:intel-rapl:0")
        #expect(byID["rapl:intel-rapl:0"]?.parent == nil)
        #expect(byID["rapl:intel-rapl:0:0"]?.location == "class/powercap/intel-rapl:0:0/energy_uj")
        #expect(discovery.domains.allSatisfy { $0.method == .energyCounter && $0.source == "rapl" })
        let readings = source.read()
        #expect(readings["rapl:intel-rapl:a"] == .success(.energyCounter(15)))
        #expect(readings.count == 6)
    }

    @Test func anMMIOTwinIsSkippedAndAnMMIOZoneAloneIsRead() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0", energy: "100\n")
        try tree.zone("intel-rapl-mmio:0", name: "package-0", energy: "100\n")
        let discovery = RAPLSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.map(\.id) == ["rapl:intel-rapl:0"])
        let problem = try #require(discovery.problems.first)
        #expect(problem.location == "class/powercap/intel-rapl-mmio:0")
        #expect(problem.failure.reason.hasPrefix("skipped duplicate"))

        let alone = try TestTree()
        try alone.zone("intel-rapl-mmio:0", name: "package-0", energy: "100\n")
        #expect(RAPLSource(sysfsRoot: alone.root).discover().domains.map(\.id) == ["rapl:intel-rapl-mmio:0"])
    }

    @Test func aMissingRangeIsReadWithoutWrapAndReported() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0", energy: "100\n", range: nil)
        let source = RAPLSource(sysfsRoot: tree.root)
        let discovery = source.discover()
        #expect(discovery.domains.first?.counterRangeMicrojoules == nil)
        #expect(discovery.problems.first?.failure.kind == .unavailable)
        #expect(discovery.problems.first?.failure.reason.contains("a backwards step becomes a gap") == true)
        #expect(source.read()["rapl:intel-rapl:0"] == .success(.energyCounter(100)))
        // Without a range a backwards step cannot be a wrap: the sampler sees a reset.
        var counter = EnergyCounter(range: discovery.domains[0].counterRangeMicrojoules)
        _ = counter.update(262_143_000_000)
        #expect(counter.update(500_000) == .reset(previous: 262_143_000_000, current: 500_000))
    }

    @Test func aDeniedCounterIsAProblemNeverAZero() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0", energy: "100\n")
        try tree.zone("intel-rapl:1", name: "package-1", energy: "200\n")
        tree.chmod("class/powercap/intel-rapl:1/energy_uj", 0)
        let source = RAPLSource(sysfsRoot: tree.root)
        let (discovery, readings) = asUnprivilegedReader { (source.discover(), source.read()) }
        #expect(discovery.domains.map(\.id) == ["rapl:intel-rapl:0"])
        let problem = try #require(discovery.problems.first)
        #expect(problem.failure.kind == .unavailable)
        #expect(problem.location == "class/powercap/intel-rapl:1/energy_uj")
        #expect(problem.failure.fix?.contains("CAP_DAC_READ_SEARCH") == true)
        #expect(readings["rapl:intel-rapl:1"] == nil)
        #expect(readings["rapl:intel-rapl:0"] == .success(.energyCounter(100)))
    }

    @Test func readDiscoversFirstAndRediscoveryFindsANewZone() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0", energy: "100\n")
        let source = RAPLSource(sysfsRoot: tree.root)
        #expect(source.read() == ["rapl:intel-rapl:0": .success(.energyCounter(100))])
        try tree.zone("intel-rapl:1", name: "package-1", energy: "5\n")
        #expect(source.read().count == 1)
        #expect(source.discover().domains.count == 2)
        #expect(source.read()["rapl:intel-rapl:1"] == .success(.energyCounter(5)))
    }

    @Test func aVanishedZoneReadsAbsentNotZero() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0", energy: "100\n")
        let source = RAPLSource(sysfsRoot: tree.root)
        _ = source.discover()
        try tree.remove("class/powercap/intel-rapl:0")
        #expect(source.read()["rapl:intel-rapl:0"]?.failureValue?.kind == .absent)
    }

    @Test func aDanglingZoneLinkIsAProblemNotACrash() throws {
        let tree = try TestTree()
        try tree.zone("intel-rapl:0", name: "package-0", energy: "100\n")
        try tree.link("class/powercap/intel-rapl:1", to: "../../devices/virtual/powercap/intel-rapl/intel-rapl:1")
        let discovery = RAPLSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.map(\.id) == ["rapl:intel-rapl:0"])
        #expect(discovery.problems.map(\.location) == ["class/powercap/intel-rapl:1/energy_uj"])
        #expect(discovery.problems.map(\.failure.kind) == [.absent])
    }
}
