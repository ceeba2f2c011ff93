import Foundation

extension NVMLTrace {
    /// Reads a trace file (CSV, format in README.md).
    /// - Throws: the file system's error, or `NVMLTraceError` with the bad line.
    public init(contentsOfFile path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try self.init(csv: text)
    }
}
