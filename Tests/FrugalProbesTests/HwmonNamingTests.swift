import FrugalCore
import FrugalProbes
import Testing

@Suite struct HwmonNamingTests {
    typealias Chip = HwmonNaming.Chip

    @Test func aChipAloneIsNamedByItsDriver() {
        let chips = [
            Chip(name: "amdgpu", deviceName: "0000:03:00.0", hwmonEntry: "hwmon3"),
            Chip(name: "power_meter", deviceName: nil, hwmonEntry: nil),
        ]
        #expect(HwmonNaming.idPrefixes(chips) == ["hwmon:amdgpu", "hwmon:power_meter"])
    }

    @Test func namesakesAreQualifiedByDeviceElseEntryElsePosition() {
        let byDevice = [
            Chip(name: "amdgpu", deviceName: "0000:c3:00.0", hwmonEntry: "hwmon5"),
            Chip(name: "k10temp", deviceName: nil, hwmonEntry: "hwmon1"),
            Chip(name: "amdgpu", deviceName: "0000:03:00.0", hwmonEntry: "hwmon3"),
        ]
        #expect(
            HwmonNaming.idPrefixes(byDevice) == [
                "hwmon:amdgpu@0000:c3:00.0", "hwmon:k10temp", "hwmon:amdgpu@0000:03:00.0",
            ])
        // One shared device (two rails of one board) and one unknown: entries tell them apart.
        let byEntry = [
            Chip(name: "ina3221", deviceName: "1-0040", hwmonEntry: "hwmon7"),
            Chip(name: "ina3221", deviceName: "1-0040", hwmonEntry: "hwmon8"),
            Chip(name: "ina3221", deviceName: nil, hwmonEntry: "hwmon9"),
        ]
        #expect(
            HwmonNaming.idPrefixes(byEntry) == ["hwmon:ina3221@hwmon7", "hwmon:ina3221@hwmon8", "hwmon:ina3221@hwmon9"])
        // A `sensors -j` replay of virtual chips knows neither: the order given counts.
        let byPosition = [
            Chip(name: "ina", deviceName: nil, hwmonEntry: nil), Chip(name: "ina", deviceName: nil, hwmonEntry: nil),
        ]
        #expect(HwmonNaming.idPrefixes(byPosition) == ["hwmon:ina#1", "hwmon:ina#2"])
    }

    @Test func kindsFollowTheDriverAndTheLabel() {
        #expect(HwmonNaming.kind(chip: "power_meter", label: nil) == .node)
        #expect(HwmonNaming.kind(chip: "xe", label: "card") == .gpu)
        #expect(HwmonNaming.kind(chip: "zenpower", label: "SVI2_P_Core") == .core)
        #expect(HwmonNaming.kind(chip: "zenpower", label: "SVI2_P_SoC") == .uncore)
        #expect(HwmonNaming.kind(chip: "amd_energy", label: "Esocket0") == .package)
        #expect(HwmonNaming.kind(chip: "k10temp", label: nil) == .package)
        #expect(HwmonNaming.kind(chip: "ina3221", label: "Core") == .other)
    }

    @Test func railsTakeTheSinglePackageAsParentAndNamesFallBackToTheChannel() {
        let one = HwmonNaming.channels(
            [("power1", "Package"), ("power2", "Core"), ("power3", nil)], chip: "zenpower", idPrefix: "hwmon:zenpower")
        #expect(one.map(\.id) == ["hwmon:zenpower/power1", "hwmon:zenpower/power2", "hwmon:zenpower/power3"])
        #expect(one.map(\.kind) == [.package, .core, .package])
        #expect(one.map(\.name) == ["Package", "Core", "zenpower power3"])
        // power3 (no label) is a second package figure: which one holds the core is unknown.
        #expect(one.map(\.parent) == [nil, nil, nil])
        let single = HwmonNaming.channels(
            [("power1", "Package"), ("power2", "SoC")], chip: "k10temp", idPrefix: "hwmon:k10temp@hwmon2")
        #expect(single.map(\.parent) == [nil, "hwmon:k10temp@hwmon2/power1"])
    }
}
