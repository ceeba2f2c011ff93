import Foundation

/// A buffered text stream into a file; `TextOutputStream.write` cannot
/// throw, so the first write error is kept and thrown by `close()`.
final class FileTextStream: TextOutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: (any Error)?

    init(path: String) throws {
        // open(2), not FileManager.createFile, which renames a temporary file over the path.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
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
