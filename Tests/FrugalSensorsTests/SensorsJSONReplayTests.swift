import Testing

@testable import FrugalSensors

@Suite struct SensorsJSONReplayTests {
    static let snapshot = """
        {
           "ina3221-i2c-1-40":{
              "Adapter": "NVIDIA i2c adapter 2 at 3180000.i2c",
              "VDD_CPU":{
                 "in1_input": 12.000
              },
              "VDD_CPU":{
                 "curr1_input": 5.000
              },
              "in2":{

              }
           },
           "amdgpu-pci-c300":{
              "Adapter": "PCI adapter",
              "PPT":{
                 "power1_average": 152.000,
                 "power1_cap": 300.000
              },
              "energy1":{
                 "energy1_input": 500.125
              }
           }
        }
        """

    func replay(_ snapshots: [String] = [snapshot]) throws -> SensorsJSONReplay {
        let replay = try SensorsJSONReplay(snapshots: snapshots)
        try replay.initialize(configPath: nil)
        return replay
    }

    @Test func chipsKeepTheirOrderPrefixAdapterAndEncodedDevice() throws {
        let chips = try replay().chips()
        #expect(chips.map(\.name) == ["ina3221-i2c-1-40", "amdgpu-pci-c300"])
        #expect(chips.map(\.prefix) == ["ina3221", "amdgpu"])
        #expect(chips.map(\.deviceName) == ["1-0040", "0000:c3:00.0"])
        #expect(chips.map(\.hwmonEntry) == [nil, nil])
        #expect(chips.map(\.adapter) == ["NVIDIA i2c adapter 2 at 3180000.i2c", "PCI adapter"])
    }

    @Test func featuresWithOneLabelAreKeptApartAndEmptyOnesKept() throws {
        let replay = try replay()
        let chip = replay.chips()[0]
        let features = replay.features(of: chip)
        #expect(features.map(\.name) == ["in1", "curr1", "in2"])
        #expect(features.map(\.type) == [.voltage, .current, .voltage])
        #expect(features.map { replay.label(of: chip, feature: $0) } == ["VDD_CPU", "VDD_CPU", "in2"])
        #expect(replay.subfeatures(of: chip, feature: features[2]).isEmpty)
    }

    @Test func subfeatureTypesAndValuesInBaseUnits() throws {
        let replay = try replay()
        let chip = replay.chips()[1]
        let power = replay.features(of: chip)[0]
        let subfeatures = replay.subfeatures(of: chip, feature: power)
        #expect(subfeatures.map(\.name) == ["power1_average", "power1_cap"])
        #expect(subfeatures.map(\.type) == [.powerAverage, .unknown])
        #expect(try replay.value(of: chip, subfeature: subfeatures[0]) == 152.0)
        let energy = replay.features(of: chip)[1]
        #expect(energy.type == .energy)
        #expect(replay.subfeatures(of: chip, feature: energy).map(\.type) == [.energyInput])
    }

    @Test func stepsChangeValuesAndAMissingValueIsAKernelError() throws {
        let later = Self.snapshot.replacingOccurrences(of: "\"power1_average\": 152.000,", with: "")
            .replacingOccurrences(of: "500.125", with: "501.000")
        let replay = try replay([Self.snapshot, later])
        let chip = replay.chips()[1]
        let features = replay.features(of: chip)
        let power = replay.subfeatures(of: chip, feature: features[0])[0]
        let energy = replay.subfeatures(of: chip, feature: features[1])[0]
        #expect(replay.advance())
        #expect(try replay.value(of: chip, subfeature: energy) == 501.0)
        #expect(throws: SensorsError.self) { try replay.value(of: chip, subfeature: power) }
        #expect(!replay.advance())
        replay.step(to: 0)
        #expect(try replay.value(of: chip, subfeature: power) == 152.0)
    }

    @Test func nothingIsListedBeforeInitializeOrAfterCleanup() throws {
        let replay = try SensorsJSONReplay(json: Self.snapshot)
        #expect(replay.chips().isEmpty)
        try replay.initialize(configPath: nil)
        #expect(replay.chips().count == 2)
        replay.cleanup()
        #expect(replay.chips().isEmpty)
    }

    @Test(arguments: [
        "", "[]", "{\"a-isa-0000\": 3}", "{\"a-isa-0000\": {\"x\": 1}}", "{\"a\": {}} trailing",
        "{\"a\": {\"power1\": {\"power1_input\": nan}}}", "{\"a\": {\"unterminated}",
    ])
    func badSnapshotsAreErrorsNotCrashes(_ text: String) {
        #expect(throws: SensorsJSONError.self) { try SensorsJSONReplay(json: text) }
    }

    @Test func snapshotsMustListTheSameChips() {
        #expect(throws: SensorsJSONError.self) {
            try SensorsJSONReplay(snapshots: [Self.snapshot, "{}"])
        }
    }

    @Test(
        arguments: [
            ("k10temp-pci-00c3", "k10temp", "0000:00:18.3"), ("lm75-i2c-1-48", "lm75", "1-0048"),
            ("power_meter-isa-0000", "power_meter", nil), ("nct6779-virtual-0", "nct6779", nil),
            ("odd", "odd", nil), ("acpitz-acpi-0", "acpitz", nil),
        ] as [(String, String, String?)])
    func chipNamesTakenApart(name: String, prefix: String, device: String?) {
        #expect(SensorsJSONNames.prefix(of: name) == prefix)
        #expect(SensorsJSONNames.deviceName(of: name) == device)
    }

    @Test func orderedJSONKeepsDuplicateKeysAndEscapes() throws {
        let value = try OrderedJSON.parse(#"{"a": 1, "a": [true, null, "x\"y"], "b": -2.5e1}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["a", "a", "b"])
        #expect(members[1].value == .array([.bool(true), .null, .string("x\"y")]))
        #expect(members[2].value == .number(-25))
    }
}
