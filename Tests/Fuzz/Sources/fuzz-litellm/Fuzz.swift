import FrugalIngestUnderTest
import FuzzSupport

/// libFuzzer entry: the input is a piece of a litellm log, parsed line by line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzSupport.parseLines(data, size, with: LiteLLMParser())
    return 0
}
