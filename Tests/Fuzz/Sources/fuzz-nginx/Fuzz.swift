import FrugalIngestUnderTest
import FuzzSupport

// libFuzzer calls the entry on one thread. Made once: an nginx parser compiles
// its mapping's query, and keeps no state from one line to the next.
nonisolated(unsafe) let parser = NginxParser()

/// libFuzzer entry: the input is a piece of a nginx log, parsed line by line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzSupport.parseLines(data, size, with: parser)
    return 0
}
