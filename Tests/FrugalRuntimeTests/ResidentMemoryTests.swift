import FrugalRuntime
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("ResidentMemory: what the daemon gives back after start-up")
struct ResidentMemoryTests {
    /// A field of /proc/self/status in kB.
    static func statusKilobytes(_ key: String) -> Int? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            guard text.hasPrefix(key + ":") else { continue }
            return Int(text.dropFirst(key.count + 1).filter(\.isNumber))
        }
        return nil
    }

    @Test func releasingStartupPagesShrinksTheResidentCodeAndCodeStillRuns() throws {
        let before = try #require(Self.statusKilobytes("RssFile"))
        let released = ResidentMemory.releaseStartupPages()
        let after = try #require(Self.statusKilobytes("RssFile"))
        #expect(released > 1 << 20, "the test binary's code is several MB")
        #expect(after < before, "file-backed RSS went from \(before) kB to \(after) kB")
        // Code and read-only data fault back in: the process goes on as before.
        #expect([3, 1, 2].sorted() == [1, 2, 3])
    }
}
