import FrugalCore
import Testing

@testable import FrugalNVML

@Suite struct NVMLTraceTests {
    static let sample = """
        timestamp_ns,gpu_uuid,gpu_name,energy_mj,power_mw,error
        1000,GPU-a,A100,5000,250000,
        1000,GPU-b,P4,,75000,
        2000,GPU-a,A100,5250,251000,
        2000,GPU-b,P4,,,GPU_IS_LOST

        """

    @Test func parsesStepsGPUsAndEmptyCells() throws {
        let trace = try NVMLTrace(csv: Self.sample)
        #expect(trace.timestamps == [Timestamp(nanosecondsSinceEpoch: 1000), Timestamp(nanosecondsSinceEpoch: 2000)])
        #expect(trace.gpuUUIDs == ["GPU-a", "GPU-b"])
        #expect(trace.rows[1].energyMillijoules == nil)
        #expect(trace.rows[1].powerMilliwatts == 75_000)
        #expect(trace.rows[3].error == .gpuIsLost)
    }

    @Test func writesWhatItReads() throws {
        let trace = try NVMLTrace(csv: Self.sample)
        #expect(try NVMLTrace(csv: trace.csv()) == trace)
        #expect(trace.csv() == Self.sample)
    }

    @Test func acceptsAPowerOnlyTraceWithFewerColumnsAndCRLF() throws {
        let trace = try NVMLTrace(csv: "gpu_uuid,power_mw,timestamp_ns\r\nGPU-z,32402,7\r\n")
        #expect(
            trace.rows == [
                NVMLTrace.Row(
                    timestamp: Timestamp(nanosecondsSinceEpoch: 7), gpuUUID: "GPU-z", gpuName: "",
                    powerMilliwatts: 32402)
            ])
    }

    @Test(arguments: [
        ("", 1, "empty trace"),
        ("timestamp_ns,gpu_uuid,watts\n", 1, "unknown column \"watts\""),
        ("timestamp_ns,power_mw\n", 1, "missing column gpu_uuid"),
        ("timestamp_ns,gpu_uuid,gpu_uuid\n", 1, "repeated"),
        ("timestamp_ns,gpu_uuid\n2,GPU-a\n1,GPU-a\n", 3, "back in time"),
        ("timestamp_ns,gpu_uuid\n1,GPU-a\n1,GPU-a\n", 3, "appears twice"),
        ("timestamp_ns,gpu_uuid\n1.5,GPU-a\n", 2, "not an integer"),
        ("timestamp_ns,gpu_uuid\n1,\n", 2, "empty gpu_uuid"),
        ("timestamp_ns,gpu_uuid,energy_mj\n1,GPU-a,-3\n", 2, "energy_mj \"-3\" is not a count"),
        ("timestamp_ns,gpu_uuid,power_mw\n1,GPU-a,99999999999\n", 2, "power_mw"),
        ("timestamp_ns,gpu_uuid,error\n1,GPU-a,ON_FIRE\n", 2, "not an NVML error"),
        ("timestamp_ns,gpu_uuid,error\n1,GPU-a,SUCCESS\n", 2, "not an NVML error"),
        ("timestamp_ns,gpu_uuid\n1,GPU-a,extra\n", 2, "3 cells for 2 columns"),
    ])
    func rejectsBadInputWithItsLine(text: String, line: Int, words: String) {
        #expect {
            try NVMLTrace(csv: text)
        } throws: { error in
            guard let error = error as? NVMLTraceError else { return false }
            return error.line == line && error.message.contains(words)
        }
    }

    @Test func errorNamesAndCodesRoundTrip() {
        #expect(NVMLReturn(name: "GPU_IS_LOST") == .gpuIsLost)
        #expect(NVMLReturn(name: "NVML_ERROR_NO_PERMISSION") == .noPermission)
        #expect(NVMLReturn(name: "42") == NVMLReturn(rawValue: 42))
        #expect(NVMLReturn(rawValue: 42).name == "42")
        #expect(NVMLReturn.notSupported.description == "NVML_ERROR_NOT_SUPPORTED (3)")
        #expect(NVMLReturn(name: "nonsense") == nil)
    }
}
