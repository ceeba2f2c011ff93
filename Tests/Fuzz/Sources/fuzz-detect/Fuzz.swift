import FrugalIngestUnderTest

// A dotted nginx key reaches into objects.
let detector = FormatDetector(
    nginxMapping: NginxMapping(time: "msec", requestTime: "upstream.request_time"), sampleSize: 5)

/// libFuzzer entry: the input is the start of a log of unknown format. Each
/// line is looked at alone, then the lines vote: the format picked is one
/// that some line voted for.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    var lines: [[UInt8]] = []
    let consumed = LineSplitter.forEachLine(in: buffer) { if lines.count < 64 { lines.append(Array($0)) } }
    // A log's start: more lines than a detector's sample add nothing but time.
    if lines.count < 64 { lines.append(Array(buffer[consumed...])) }
    var voted = Set<LogFormat>()
    for line in lines {
        if let format = line.withUnsafeBytes({ detector.detect(line: $0) }) { voted.insert(format) }
    }
    if let format = detector.detect(lines: lines) {
        precondition(voted.contains(format), "a format no line voted for")
    }
    return 0
}
