import FrugalCore
import FrugalProbes
import Testing

@testable import FrugalNVML

@Suite struct NVMLSourceTests {
    func source(_ csv: String, initializeError: NVMLReturn? = nil) throws -> (NVMLSource, ReplayNVML) {
        let replay = ReplayNVML(trace: try NVMLTrace(csv: csv), initializeError: initializeError)
        return (NVMLSource(library: replay), replay)
    }

    @Test func anEnergyCounterIsReadInMicrojoulesWithNoWrapRange() throws {
        let (source, replay) = try source(
            "timestamp_ns,gpu_uuid,gpu_name,energy_mj\n1,GPU-a,H100,5000\n2,GPU-a,H100,5250\n")
        let discovery = source.discover()
        #expect(
            discovery.domains == [
                Domain(
                    id: "nvml:GPU-a", kind: .gpu, name: "H100", source: "nvml", method: .energyCounter,
                    counterRangeMicrojoules: nil, location: "GPU-a")
            ])
        #expect(source.read() == ["nvml:GPU-a": .success(.energyCounter(5_000_000))])
        replay.advance()
        #expect(source.read() == ["nvml:GPU-a": .success(.energyCounter(5_250_000))])
    }

    @Test func noEnergyCounterFallsBackToPowerWithoutAProblem() throws {
        let (source, _) = try source("timestamp_ns,gpu_uuid,energy_mj,power_mw\n1,GPU-p,,75000\n")
        let discovery = source.discover()
        #expect(discovery.problems.isEmpty)
        #expect(discovery.domains.map(\.method) == [.integratedPower])
        #expect(source.read() == ["nvml:GPU-p": .success(.power(Power(watts: 75)))])
    }

    @Test func neitherEnergyNorPowerIsAnUnavailableProblem() throws {
        let (source, _) = try source("timestamp_ns,gpu_uuid,energy_mj,power_mw\n1,GPU-q,,\n")
        let discovery = source.discover()
        #expect(discovery.domains.isEmpty)
        #expect(discovery.problems.map(\.failure.kind) == [.unavailable])
        #expect(discovery.problems.map(\.location) == ["gpu 0 GPU-q"])
    }

    @Test func noPermissionIsUnavailableWithAFixNeverAZero() throws {
        let (source, _) = try source("timestamp_ns,gpu_uuid,energy_mj,error\n1,GPU-a,,NO_PERMISSION\n")
        let problem = try #require(source.discover().problems.first)
        #expect(problem.failure.kind == .unavailable)
        #expect(problem.failure.fix?.contains("/dev/nvidia") == true)
        #expect(source.read().isEmpty)
    }

    @Test func aGPULostAfterDiscoveryIsATransientFailureOfItsReadsOnly() throws {
        let (source, replay) = try source(
            """
            timestamp_ns,gpu_uuid,energy_mj,error
            1,GPU-a,100,
            1,GPU-b,200,
            2,GPU-a,,GPU_IS_LOST
            2,GPU-b,300,
            """)
        #expect(source.discover().domains.count == 2)
        replay.step(to: 1)
        let readings = source.read()
        #expect(readings["nvml:GPU-b"] == .success(.energyCounter(300_000)))
        guard case .failure(let failure) = readings["nvml:GPU-a"] else {
            Issue.record("a lost GPU must read as a failure")
            return
        }
        #expect(failure.kind == .transient)
        #expect(failure.reason.contains("GPU_IS_LOST"))
    }

    @Test func aGPUMissingFromAStepHasNoDataNotZero() throws {
        let (source, replay) = try source("timestamp_ns,gpu_uuid,energy_mj\n1,GPU-a,1\n1,GPU-b,2\n2,GPU-a,3\n")
        _ = source.discover()
        replay.advance()
        guard case .failure(let failure) = source.read()["nvml:GPU-b"] else {
            Issue.record("a GPU without a row must fail")
            return
        }
        #expect(failure.reason.contains("NO_DATA"))
    }

    @Test func driverNotLoadedIsAbsent() throws {
        let (source, _) = try source("timestamp_ns,gpu_uuid\n1,GPU-a\n", initializeError: .driverNotLoaded)
        let discovery = source.discover()
        #expect(discovery.domains.isEmpty)
        #expect(discovery.problems.map(\.failure.kind) == [.absent])
        #expect(discovery.problems.first?.failure.fix?.contains("modprobe nvidia") == true)
    }

    @Test func aTraceWithNoGPUIsAnAbsentProblemNotAnEmptyList() throws {
        let (source, _) = try source("timestamp_ns,gpu_uuid\n")
        let discovery = source.discover()
        #expect(discovery.domains.isEmpty)
        #expect(discovery.problems.map(\.failure.reason) == ["NVML started but lists no GPU"])
        #expect(discovery.problems.map(\.failure.kind) == [.absent])
    }

    @Test func rediscoveryKeepsOneInitializationAndShutdownReleasesIt() throws {
        let (source, replay) = try source("timestamp_ns,gpu_uuid,energy_mj\n1,GPU-a,1\n")
        #expect(source.discover().domains.count == 1)
        #expect(source.discover().domains.count == 1)
        source.shutdown()
        #expect(throws: NVMLError(.uninitialized, "initialize() was not called")) { try replay.deviceCount() }
        #expect(source.discover().domains.count == 1)
    }

    @Test func replayStepsOnlyWhenTold() throws {
        let (_, replay) = try source("timestamp_ns,gpu_uuid\n10,GPU-a\n20,GPU-a\n")
        #expect(replay.stepCount == 2)
        #expect(replay.timestamp == Timestamp(nanosecondsSinceEpoch: 10))
        #expect(replay.advance())
        #expect(!replay.advance())
        #expect(replay.timestamp == Timestamp(nanosecondsSinceEpoch: 20))
        replay.step(to: 0)
        #expect(replay.stepIndex == 0)
    }

    @Test func failureKindsFollowTheCodes() {
        func kind(_ code: NVMLReturn) -> ProbeFailure.Kind { NVMLError(code, "").probeFailure.kind }
        #expect(kind(.libraryNotFound) == .absent)
        #expect(kind(.driverNotLoaded) == .absent)
        #expect(kind(.notFound) == .absent)
        #expect(kind(.noPermission) == .unavailable)
        #expect(kind(.notSupported) == .unavailable)
        #expect(kind(.functionNotFound) == .unavailable)
        #expect(kind(.libRMVersionMismatch) == .unavailable)
        #expect(kind(.gpuIsLost) == .transient)
        #expect(kind(.timeout) == .transient)
        #expect(kind(.unknown) == .transient)
    }
}
