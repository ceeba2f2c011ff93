import Foundation
import FrugalCore
import Testing

@testable import FrugalNVML

@Suite struct DlopenNVMLTests {
    @Test func aMissingLibraryIsAnAbsentProblemThatNamesTheDriverPackage() throws {
        let source = NVMLSource(library: DlopenNVML(libraryPath: "libnvidia-ml-does-not-exist.so.1"))
        let discovery = source.discover()
        #expect(discovery.domains.isEmpty)
        let problem = try #require(discovery.problems.first)
        #expect(discovery.problems.count == 1)
        #expect(problem.source == "nvml")
        #expect(problem.failure.kind == .absent)
        #expect(problem.failure.reason.contains("LIBRARY_NOT_FOUND"))
        #expect(problem.failure.reason.contains("libnvidia-ml-does-not-exist.so.1"))
        #expect(problem.failure.fix?.contains("apt install nvidia-driver") == true)
        #expect(source.read().isEmpty)
    }

    @Test func thisHostWithoutNVIDIABuildsRunsAndSaysWhy() {
        // Whatever this host has, discovery returns; with no driver it must be an absent problem.
        let discovery = NVMLSource(library: DlopenNVML()).discover()
        if discovery.domains.isEmpty {
            #expect(discovery.problems.count == 1)
            #expect(discovery.problems.allSatisfy { $0.failure.kind == .absent })
        }
    }

    @Test func callsBeforeInitializeAreUninitialized() {
        #expect(throws: NVMLError(.uninitialized, "initialize() was not called")) {
            try DlopenNVML().deviceCount()
        }
    }

    @Test func readsAFakeLibraryThroughDlopenAndDlsym() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let path = try FakeNVMLLibrary.build(in: directory) else { return }
        let source = NVMLSource(library: DlopenNVML(libraryPath: path))
        let discovery = source.discover()

        #expect(
            discovery.domains.map(\.id) == [
                "nvml:GPU-00000000-fake-0000-0000-000000000000", "nvml:GPU-11111111-fake-1111-1111-111111111111",
            ])
        #expect(discovery.domains.map(\.name) == ["Fake H100", "Fake P4"])
        #expect(discovery.domains.map(\.method) == [.energyCounter, .integratedPower])
        #expect(discovery.domains.allSatisfy { $0.kind == .gpu && $0.counterRangeMicrojoules == nil })
        let lost = try #require(discovery.problems.first)
        #expect(lost.failure.kind == .transient)
        #expect(lost.failure.reason == "NVML GPU_IS_LOST: GPU is lost")
        #expect(lost.location == "gpu 2 GPU-22222222-fake-2222-2222-222222222222")
        #expect(source.powerLimits == ["nvml:GPU-00000000-fake-0000-0000-000000000000": Power(watts: 700)])

        // Discovery read the counter once (1,000,000 mJ); the next read is 250 mJ later, in µJ.
        let readings = source.read()
        #expect(readings["nvml:GPU-00000000-fake-0000-0000-000000000000"] == .success(.energyCounter(1_000_250_000)))
        #expect(readings["nvml:GPU-11111111-fake-1111-1111-111111111111"] == .success(.power(Power(watts: 75))))
        source.shutdown()
        #expect(source.read().isEmpty)
    }

    @Test func aLibraryWithoutARequiredSymbolIsUnavailable() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let path = try FakeNVMLLibrary.build(in: directory, omitting: "nvmlDeviceGetUUID") else { return }
        let problem = try #require(NVMLSource(library: DlopenNVML(libraryPath: path)).discover().problems.first)
        #expect(problem.failure.kind == .unavailable)
        #expect(problem.failure.reason.contains("nvmlDeviceGetUUID"))
    }
}
