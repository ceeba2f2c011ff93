import Foundation
import FrugalCore
import Testing

@testable import FrugalProbes

@Suite struct SysfsFileTests {
    private func read(_ text: String) throws -> Result<UInt64, ProbeFailure> {
        let tree = try TestTree().write("energy_uj", text)
        return SysfsFile(root: tree.root, relativePath: "energy_uj").readUInt64()
    }

    @Test func parsesAnIntegerWithItsNewlineAndSpaces() throws {
        #expect(try read("240422366267\n") == .success(240_422_366_267))
        #expect(try read("  42 \r\n") == .success(42))
        #expect(try read("18446744073709551615\n") == .success(UInt64.max))
    }

    @Test(arguments: [
        ("", "empty"), ("\n", "empty"), ("garbage\n", "\"garbage\""), ("-5\n", "\"-5\""),
        ("12 34\n", "\"12 34\""), ("18446744073709551616\n", "overflows 64 bits"), ("0x10\n", "\"0x10\""),
    ])
    func badTextIsATransientFailureNamingPathAndText(text: String, expected: String) throws {
        let failure = try #require(try read(text).failureValue)
        #expect(failure.kind == .transient)
        #expect(failure.reason.hasPrefix("energy_uj: "))
        #expect(failure.reason.contains(expected), "\(failure.reason)")
    }

    @Test func textLongerThanACounterIsRejected() throws {
        let failure = try #require(try read(String(repeating: "1", count: 200)).failureValue)
        #expect(failure.kind == .transient)
        #expect(failure.reason.contains("more than 63 bytes"))
    }

    @Test func aMissingFileIsAbsent() throws {
        let tree = try TestTree()
        let failure = try #require(
            SysfsFile(root: tree.root, relativePath: "class/x/energy_uj").readUInt64().failureValue)
        #expect(failure == ProbeFailure(.absent, "class/x/energy_uj does not exist"))
    }

    @Test func aDeniedFileIsUnavailableWithTheFix() throws {
        let tree = try TestTree().write("energy_uj", "1\n")
        tree.chmod("energy_uj", 0)
        let result = asUnprivilegedReader { SysfsFile(root: tree.root, relativePath: "energy_uj").readUInt64() }
        let failure = try #require(result.failureValue)
        #expect(failure.kind == .unavailable)
        #expect(failure.reason == "energy_uj: permission denied")
        #expect(failure.fix?.contains("CAP_DAC_READ_SEARCH") == true)
        #expect(failure.fix?.contains("AmbientCapabilities=CAP_DAC_READ_SEARCH") == true)
    }

    @Test func rereadsTheSameDescriptorAfterAnInPlaceWrite() throws {
        let tree = try TestTree().write("energy_uj", "100\n")
        let file = SysfsFile(root: tree.root, relativePath: "energy_uj")
        #expect(file.readUInt64() == .success(100))
        try tree.write("energy_uj", "250\n")
        #expect(file.readUInt64() == .success(250))
    }

    @Test func aVanishedFileIsAbsentThenReopenedWhenBack() throws {
        let tree = try TestTree().write("zone/energy_uj", "100\n")
        let file = SysfsFile(root: tree.root, relativePath: "zone/energy_uj")
        #expect(file.readUInt64() == .success(100))
        try tree.remove("zone")
        #expect(file.readUInt64().failureValue?.kind == .absent)
        try tree.write("zone/energy_uj", "7\n")
        #expect(file.readUInt64() == .success(7))
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
