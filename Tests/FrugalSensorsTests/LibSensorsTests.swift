import FrugalCore
import Testing

@testable import FrugalSensors

/// libsensors itself, in process, on whatever this host has: zero chips is a
/// valid answer and must read as a clear problem, never a crash or a zero.
/// Serialized: libsensors keeps process-global state.
@Suite(.serialized) struct LibSensorsTests {
    @Test func initializeIterateAndCleanUpOnThisHost() throws {
        let library = LibSensors()
        do {
            try library.initialize(configPath: nil)
        } catch {
            // No sysfs at all (some containers): a kernel interface error, said at start as absent.
            #expect(error.code == SensorsError.kernel)
            return
        }
        for chip in library.chips() {
            #expect(!chip.prefix.isEmpty)
            #expect(chip.name.hasPrefix(chip.prefix))
            for feature in library.features(of: chip) {
                #expect(!library.label(of: chip, feature: feature).isEmpty)
                _ = library.subfeatures(of: chip, feature: feature)
            }
        }
        library.cleanup()
        #expect(library.chips().isEmpty)
    }

    @Test func theSourceOnThisHostFindsDomainsOrSaysWhyNot() {
        let source = SensorsSource(library: LibSensors())
        let discovery = source.discover()
        if discovery.domains.isEmpty {
            #expect(discovery.problems.count == 1)
            #expect(discovery.problems.allSatisfy { $0.failure.kind == .absent && $0.source == "libsensors" })
        }
        #expect(Set(source.read().keys) == Set(discovery.domains.map(\.id)))
        source.cleanup()
    }

    @Test func onlyOneLibSensorsAtATime() throws {
        let first = LibSensors()
        do {
            try first.initialize(configPath: nil)
        } catch {
            return  // no sysfs: nothing to share
        }
        defer { first.cleanup() }
        #expect(throws: SensorsError.self) { try LibSensors().initialize(configPath: nil) }
    }

    @Test func aMissingConfigurationFileIsAnAccessError() {
        #expect {
            try LibSensors().initialize(configPath: "/nonexistent/sensors3.conf")
        } throws: { error in
            (error as? SensorsError)?.code == SensorsError.accessRead
        }
        // The failed attempt released the process-wide slot.
        let library = LibSensors()
        if (try? library.initialize(configPath: nil)) != nil { library.cleanup() }
    }

    @Test func aMalformedConfigurationIsAParseError() throws {
        let path = "/tmp/frugal-sensors-\(UInt64.random(in: 0...UInt64.max)).conf"
        try "chip \"x-*\"\n    compute power1 @*\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            try LibSensors().initialize(configPath: path)
            Issue.record("a malformed configuration must not initialize")
        } catch {
            // On a host without sysfs, sensors_init stops at the kernel check first.
            #expect([SensorsError.parse, SensorsError.kernel].contains(error.code))
        }
    }

    @Test func reportsItsVersion() {
        #expect(LibSensors.version.first?.isNumber == true)
    }
}
