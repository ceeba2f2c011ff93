import FrugalCore
import FrugalProbes
import Testing

@testable import FrugalSensors

@Suite struct SensorsSourceTests {
    func source(_ snapshots: String...) throws -> (SensorsSource, SensorsJSONReplay) {
        let replay = try SensorsJSONReplay(snapshots: snapshots)
        return (SensorsSource(library: replay), replay)
    }

    static let k10temp = """
        {"k10temp-pci-00c3": {"Adapter": "PCI adapter",
          "Tctl": {"temp1_input": 45.0},
          "Package": {"power1_input": 45.123456},
          "Core": {"power2_input": 15.0},
          "SoC": {"power3_input": 5.5},
          "energy1": {"energy1_input": 240422.366267}}}
        """

    @Test func powerInWattsBecomesMicrowattsAndEnergyInJoulesMicrojoules() throws {
        let (source, _) = try source(Self.k10temp)
        let discovery = source.discover()
        #expect(discovery.problems.isEmpty)
        #expect(
            discovery.domains.map(\.id) == [
                "hwmon:k10temp/power1", "hwmon:k10temp/power2", "hwmon:k10temp/power3", "hwmon:k10temp/energy1",
            ])
        let readings = source.read()
        #expect(readings["hwmon:k10temp/power1"] == .success(.power(Power(microwatts: 45_123_456))))
        #expect(readings["hwmon:k10temp/energy1"] == .success(.energyCounter(240_422_366_267)))
    }

    @Test func labelsKindsParentsAndMethods() throws {
        let (source, _) = try source(Self.k10temp)
        let domains = source.discover().domains
        #expect(domains.map(\.name) == ["Package", "Core", "SoC", "k10temp energy1"])
        #expect(domains.map(\.kind) == [.package, .core, .uncore, .package])
        // Two package-kind domains (power1, energy1): the rails get no single parent.
        #expect(domains.map(\.parent) == [nil, nil, nil, nil])
        #expect(domains.map(\.method) == [.integratedPower, .integratedPower, .integratedPower, .energyCounter])
        #expect(domains.map(\.source) == ["libsensors", "libsensors", "libsensors", "libsensors"])
        #expect(domains[0].location == "k10temp-pci-00c3/power1_input")
    }

    @Test func aCoreRailGetsItsChipsSinglePackageAsParent() throws {
        let (source, _) = try source(
            #"{"k10temp-pci-00c3": {"Package": {"power1_input": 45.0}, "Core": {"power2_input": 15.0}}}"#)
        #expect(source.discover().domains.map(\.parent) == [nil, "hwmon:k10temp/power1"])
    }

    @Test func averageIsPreferredOverInputAsTheSysfsReaderDoes() throws {
        let (source, _) = try source(
            #"{"amdgpu-pci-0300": {"PPT": {"power1_input": 120.0, "power1_average": 118.0}}}"#)
        let domain = try #require(source.discover().domains.first)
        #expect(domain.location == "amdgpu-pci-0300/power1_average")
        #expect(domain.kind == .gpu)
        #expect(source.read()[domain.id] == .success(.power(Power(watts: 118))))
    }

    @Test func namesakesAreQualifiedByDeviceOrPosition() throws {
        let (pci, _) = try source(
            #"{"amdgpu-pci-0300": {"p": {"power1_average": 1.0}}, "amdgpu-pci-c300": {"p": {"power1_average": 2.0}}}"#)
        #expect(
            pci.discover().domains.map(\.id) == [
                "hwmon:amdgpu@0000:03:00.0/power1", "hwmon:amdgpu@0000:c3:00.0/power1",
            ])
        let (virtual, _) = try source(
            #"{"ina-virtual-0": {"p": {"power1_input": 1.0}}, "ina-virtual-0": {"p": {"power1_input": 2.0}}}"#)
        #expect(virtual.discover().domains.map(\.id) == ["hwmon:ina#1/power1", "hwmon:ina#2/power1"])
    }

    @Test func aNamesakeWithItsPowerIgnoredStillQualifies() throws {
        // `ignore power1` on c3:00.0 leaves its temperature: 03:00.0 keeps the ID the sysfs reader gives it.
        let (source, _) = try source(
            #"{"amdgpu-pci-0300": {"p": {"power1_average": 1.0}}, "amdgpu-pci-c300": {"edge": {"temp1_input": 40.0}}}"#)
        #expect(source.discover().domains.map(\.id) == ["hwmon:amdgpu@0000:03:00.0/power1"])
    }

    @Test func hiddenOrUnreadableValuesAreFailuresNeverZero() throws {
        let (source, replay) = try source(
            #"{"pm-isa-0000": {"power1": {"power1_average": 312.0}, "power2": {}}}"#,
            #"{"pm-isa-0000": {"power1": {}, "power2": {}}}"#)
        let discovery = source.discover()
        #expect(discovery.domains.map(\.id) == ["hwmon:pm/power1"])
        #expect(discovery.problems.map(\.location) == ["pm-isa-0000/power2"])
        #expect(discovery.problems.map(\.failure.kind) == [.unavailable])
        replay.advance()
        guard case .failure(let failure) = source.read()["hwmon:pm/power1"] else {
            Issue.record("an unreadable value must be a failure")
            return
        }
        #expect(failure.kind == .transient)
    }

    @Test(arguments: ["-3.0", "1e400"])
    func implausibleValuesAreTransientFailures(_ value: String) throws {
        let (source, _) = try source(#"{"pm-isa-0000": {"power1": {"power1_average": \#(value)}}}"#)
        _ = source.discover()
        guard case .failure(let failure) = source.read()["hwmon:pm/power1"] else {
            Issue.record("\(value) W must not be read as a power")
            return
        }
        #expect(failure.kind == .transient)
    }

    @Test func noChipsAndNoPowerSensorsAreOneAbsentProblemEach() throws {
        let (empty, _) = try source("{}")
        let none = empty.discover()
        #expect(none.domains.isEmpty)
        #expect(none.problems.map(\.failure.reason) == ["libsensors found no chips"])
        #expect(none.problems.map(\.failure.kind) == [.absent])
        let (temperatures, _) = try source(#"{"coretemp-isa-0000": {"Package id 0": {"temp1_input": 52.0}}}"#)
        let reason = try #require(temperatures.discover().problems.first?.failure.reason)
        #expect(reason.contains("none of the 1 chips"))
        #expect(reason.contains("coretemp-isa-0000"))
    }

    @Test func anInitializationFailureIsAProblem() throws {
        let replay = try SensorsJSONReplay(json: "{}")
        let problem = try #require(SensorsSource(library: replay, configPath: "/etc/x.conf").discover().problems.first)
        #expect(problem.location == "libsensors")
        #expect(problem.failure.kind == .unavailable)
        #expect(problem.failure.fix?.contains("sensors -c") == true)
    }

    @Test func cleanupReleasesAndDiscoverStartsAgain() throws {
        let (source, replay) = try source(Self.k10temp)
        #expect(source.discover().domains.count == 4)
        source.cleanup()
        #expect(source.read().isEmpty)
        #expect(replay.chips().isEmpty)
        #expect(source.discover().domains.count == 4)
    }

    @Test func errorKindsDependOnWhen() {
        let kernel = SensorsError(code: SensorsError.kernel, "Kernel interface error")
        #expect(kernel.probeFailure(atStart: true).kind == .absent)
        #expect(kernel.probeFailure(atStart: false).kind == .transient)
        #expect(SensorsError(code: SensorsError.accessRead, "").probeFailure(atStart: false).kind == .unavailable)
    }
}
