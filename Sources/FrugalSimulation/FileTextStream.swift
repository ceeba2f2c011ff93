import Foundation

/// A buffered text stream into a file; `TextOutputStream.write` cannot
/// throw, so the first write error is kept and thrown by `close()`.
final class FileTextStream: TextOutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: (any Error)?

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 20 { drain() }
    }

    private func drain() {
        guard failure == nil, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        drain()
        try? handle.close()
        if let failure { throw failure }
    }

    /// Opens `path`, lets `body` write, closes; throws the first error.
    static func writing(to path: String, _ body: (inout FileTextStream) -> Void) throws {
        var stream = try FileTextStream(path: path)
        body(&stream)
        try stream.close()
    }
}
