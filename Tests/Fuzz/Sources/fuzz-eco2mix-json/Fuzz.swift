import FrugalCarbonParseUnderTest
import FuzzEco2mixSupport

/// libFuzzer entry: the input is a whole eCO2mix file or answer, parsed by
/// ODREJSONParser and by the format detector.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    FuzzEco2mixSupport.check(ODREJSONParser.parse(bytes), size: size)
    if let detected = GridFileParser.parse(bytes) { FuzzEco2mixSupport.check(detected, size: size) }
    return 0
}
