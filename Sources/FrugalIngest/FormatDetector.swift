/// Picks the format of a log from its first lines, by the keys they hold:
///
/// | format | a line votes for it when it has |
/// | --- | --- |
/// | litellm | `startTime` and `endTime` |
/// | albert | `datetime`, `duration` and `endpoint` (JSON), or a CSV header naming them |
/// | jsonl | `id`, `start` and `end` |
/// | nginx | the mapping's `time` and `request_time` keys |
///
/// The format with most votes among the first `sampleSize` lines that vote
/// wins; ties go to the order above. A configured format overrides it.
public struct FormatDetector: Sendable {
    public var nginxMapping: NginxMapping
    public var sampleSize: Int

    /// The keys every format is told by, then the mapping's time keys,
    /// compiled once per detector.
    private let query: JSONQuery

    public init(nginxMapping: NginxMapping = NginxMapping(), sampleSize: Int = 20) {
        precondition(sampleSize > 0, "look at one line at least")
        self.nginxMapping = nginxMapping
        self.sampleSize = sampleSize
        var keys = Self.fixedKeys
        for key in [nginxMapping.time, nginxMapping.requestTime] where !keys.contains(key) { keys.append(key) }
        query = JSONQuery(keys)
    }

    private static let fixedKeys = ["startTime", "endTime", "datetime", "duration", "endpoint", "id", "start", "end"]

    /// The format one line looks like, or nil (not JSON, no known keys).
    public func detect(line: UnsafeRawBufferPointer) -> LogFormat? {
        let trimmed = LineText.trim(line)
        guard !LineText.isBlank(trimmed), trimmed.count <= 1 << 20 else { return nil }
        if let first = trimmed.first(where: { $0 != 0x20 && $0 != 0x09 }), first != UInt8(ascii: "{") {
            // Only a line that names `datetime` can be the header: the rest is not split.
            guard Self.containsDatetime(trimmed) else { return nil }
            let names = Set((CSVLine.split(trimmed) ?? []).map { CSVLine.name($0) })
            return names.isSuperset(of: ["datetime", "duration", "endpoint"]) ? .albert : nil
        }
        let scanner = JSONScanner(query: query)
        guard (try? scanner.scan(trimmed)) != nil else { return nil }
        func has(_ key: String) -> Bool {
            guard let slot = (0..<query.count).first(where: { query.name($0) == key }) else { return false }
            return scanner[slot] != nil
        }
        if has("startTime") && has("endTime") { return .litellm }
        if has("datetime") && has("duration") && has("endpoint") { return .albert }
        if has("id") && has("start") && has("end") { return .jsonl }
        if has(nginxMapping.time) && has(nginxMapping.requestTime) { return .nginx }
        return nil
    }

    /// Whether `line` holds `datetime` in any ASCII case (no other
    /// character lowercases to one of its letters).
    static func containsDatetime(_ line: UnsafeRawBufferPointer) -> Bool {
        let word = Array("datetime".utf8)
        guard line.count >= word.count else { return false }
        for start in 0...(line.count - word.count) where line[start] | 0x20 == word[0] {
            if (1..<word.count).allSatisfy({ line[start + $0] | 0x20 == word[$0] }) { return true }
        }
        return false
    }

    public func detect(line: String) -> LogFormat? {
        var copy = line
        return copy.withUTF8 { detect(line: UnsafeRawBufferPointer($0)) }
    }

    /// The format most of the first voting lines look like; nil when none
    /// of the first `sampleSize` voting lines is recognised.
    public func detect<Lines: Sequence>(lines: Lines) -> LogFormat? where Lines.Element == [UInt8] {
        var votes: [LogFormat: Int] = [:]
        var voting = 0
        for line in lines where voting < sampleSize {
            guard let format = line.withUnsafeBytes({ detect(line: $0) }) else { continue }
            votes[format, default: 0] += 1
            voting += 1
        }
        var best: LogFormat?
        for format in LogFormat.allCases where (votes[format] ?? 0) > (best.flatMap { votes[$0] } ?? 0) {
            best = format
        }
        return best
    }
}
