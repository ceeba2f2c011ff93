import Foundation
import FrugalCore
import FrugalProbes
import Testing

@Suite struct HwmonSourceTests {
    @Test func danglingLinksAndTemperatureChipsAreQuiet() throws {
        let tree = try TestTree()
        try tree.link("class/hwmon/hwmon0", to: "../../devices/platform/gone/hwmon/hwmon0")
        try tree.write("class/hwmon/hwmon1/name", "coretemp\n").write("class/hwmon/hwmon1/temp1_input", "45000\n")
        let discovery = HwmonSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.isEmpty)
        #expect(discovery.problems.isEmpty)
    }

    @Test func chipNameComesFromNameThenDeviceLinkThenEntry() throws {
        let tree = try TestTree()
        try tree.write("class/hwmon/hwmon0/name", "zenpower\n").write("class/hwmon/hwmon0/power1_input", "1\n")
        try tree.link("class/hwmon/hwmon1/device", to: "../../../devices/pci0000:00/0000:00:02.0/drm/card0")
        try tree.write("class/hwmon/hwmon1/power1_input", "2\n")
        try tree.write("class/hwmon/hwmon2/power1_input", "3\n")
        let ids = HwmonSource(sysfsRoot: tree.root).discover().domains.map(\.id)
        #expect(ids == ["hwmon:zenpower/power1", "hwmon:card0/power1", "hwmon:hwmon2/power1"])
    }

    @Test func averageIsPreferredAndDisabledChannelsAreSkipped() throws {
        let tree = try TestTree()
        try tree.write("class/hwmon/hwmon0/name", "amdgpu\n")
        try tree.write("class/hwmon/hwmon0/power1_average", "118000000\n")
        try tree.write("class/hwmon/hwmon0/power1_input", "120000000\n")
        try tree.write("class/hwmon/hwmon0/power2_input", "5\n").write("class/hwmon/hwmon0/power2_enable", "0\n")
        try tree.write("class/hwmon/hwmon0/energy1_input", "900\n")
        let source = HwmonSource(sysfsRoot: tree.root)
        let domains = source.discover().domains
        #expect(domains.map(\.id) == ["hwmon:amdgpu/power1", "hwmon:amdgpu/energy1"])
        #expect(domains[0].location == "class/hwmon/hwmon0/power1_average")
        #expect(domains[0].method == .integratedPower && domains[0].kind == .gpu)
        #expect(domains[1].method == .energyCounter && domains[1].counterRangeMicrojoules == nil)
        let readings = source.read()
        #expect(readings["hwmon:amdgpu/power1"] == .success(.power(Power(microwatts: 118_000_000))))
        #expect(readings["hwmon:amdgpu/energy1"] == .success(.energyCounter(900)))
    }

    @Test func kindsAndParentsFromDriverAndLabel() throws {
        let tree = try TestTree()
        try tree.write("class/hwmon/hwmon0/name", "power_meter\n").write(
            "class/hwmon/hwmon0/power1_average", "300000000\n")
        try tree.write("class/hwmon/hwmon1/name", "k10temp\n")
        try tree.write("class/hwmon/hwmon1/power1_input", "45\n").write("class/hwmon/hwmon1/power1_label", "Package\n")
        try tree.write("class/hwmon/hwmon1/power2_input", "15\n").write("class/hwmon/hwmon1/power2_label", "Core\n")
        try tree.write("class/hwmon/hwmon2/name", "mystery\n").write("class/hwmon/hwmon2/power1_input", "1\n")
        let byID = Dictionary(
            uniqueKeysWithValues: HwmonSource(sysfsRoot: tree.root).discover().domains.map { ($0.id, $0) })
        #expect(byID["hwmon:power_meter/power1"]?.kind == .node)
        #expect(byID["hwmon:power_meter/power1"]?.isWholeNode == true)
        #expect(byID["hwmon:k10temp/power1"]?.kind == .package)
        #expect(byID["hwmon:k10temp/power2"]?.kind == .core)
        #expect(byID["hwmon:k10temp/power2"]?.parent == "hwmon:k10temp/power1")
        #expect(byID["hwmon:k10temp/power2"]?.name == "Core")
        #expect(byID["hwmon:mystery/power1"]?.kind == .other)
        #expect(byID["hwmon:mystery/power1"]?.name == "mystery power1")
    }

    @Test func collidingChipNamesAreQualifiedByDeviceElseEntry() throws {
        let tree = try TestTree()
        for (entry, pci) in [("hwmon3", "0000:03:00.0"), ("hwmon5", "0000:c3:00.0")] {
            try tree.write("class/hwmon/\(entry)/name", "amdgpu\n").write("class/hwmon/\(entry)/power1_average", "1\n")
            try tree.link("class/hwmon/\(entry)/device", to: "../../../\(pci)")
        }
        for entry in ["hwmon7", "hwmon8"] {
            try tree.write("class/hwmon/\(entry)/name", "ina3221\n").write("class/hwmon/\(entry)/power1_input", "1\n")
        }
        let ids = HwmonSource(sysfsRoot: tree.root).discover().domains.map(\.id.rawValue)
        #expect(
            ids == [
                "hwmon:amdgpu@0000:03:00.0/power1", "hwmon:amdgpu@0000:c3:00.0/power1",
                "hwmon:ina3221@hwmon7/power1", "hwmon:ina3221@hwmon8/power1",
            ])
    }

    @Test func aNamesakeWithoutPowerChannelsStillQualifies() throws {
        // libsensors does not see disabled or ignored channels either: counting
        // every chip keeps both readers' IDs for hwmon3 alike.
        let tree = try TestTree()
        try tree.write("class/hwmon/hwmon3/name", "amdgpu\n").write("class/hwmon/hwmon3/power1_average", "1\n")
        try tree.write("class/hwmon/hwmon5/name", "amdgpu\n").write("class/hwmon/hwmon5/temp1_input", "40000\n")
        try tree.write("class/hwmon/hwmon6/name", "amdgpu\n").write("class/hwmon/hwmon6/power1_average", "1\n")
        try tree.write("class/hwmon/hwmon6/power1_enable", "0\n")
        let discovery = HwmonSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.map(\.id.rawValue) == ["hwmon:amdgpu@hwmon3/power1"])
        #expect(discovery.problems.isEmpty)
    }

    @Test func voltageAndCurrentOnlyIsAProblemNotADomain() throws {
        let tree = try TestTree()
        try tree.write("class/hwmon/hwmon0/name", "ina226\n")
        try tree.write("class/hwmon/hwmon0/in1_input", "12000\n").write("class/hwmon/hwmon0/curr1_input", "5000\n")
        let discovery = HwmonSource(sysfsRoot: tree.root).discover()
        #expect(discovery.domains.isEmpty)
        #expect(discovery.problems.count == 1)
        #expect(discovery.problems.first?.failure.reason.contains("voltage and current only") == true)
    }

    @Test func garbagePowerIsTransientAndDeniedPowerIsAProblem() throws {
        let tree = try TestTree()
        try tree.write("class/hwmon/hwmon0/name", "sensor\n").write("class/hwmon/hwmon0/power1_input", "N/A\n")
        try tree.write("class/hwmon/hwmon0/power2_input", "7\n")
        tree.chmod("class/hwmon/hwmon0/power2_input", 0)
        let source = HwmonSource(sysfsRoot: tree.root)
        let (discovery, readings) = asUnprivilegedReader { (source.discover(), source.read()) }
        #expect(discovery.domains.map(\.id) == ["hwmon:sensor/power1"])
        #expect(discovery.problems.map(\.failure.kind) == [.unavailable])
        #expect(readings["hwmon:sensor/power1"]?.failureValue?.kind == .transient)
        #expect(readings["hwmon:sensor/power2"] == nil)
    }
}
