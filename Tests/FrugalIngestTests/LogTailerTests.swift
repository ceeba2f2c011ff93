import Foundation
import Testing

@testable import FrugalIngest

/// The tailer on real files: partial lines, rotation by rename, copytruncate,
/// gzip'd copies on catch-up, deleted and empty files.
@Suite struct LogTailerTests {
    final class Dir {
        let url: URL
        var log: String { url.appendingPathComponent("proxy.log").path }
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("frugal-tail-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func append(_ text: String, to path: String? = nil) throws {
            let path = path ?? log
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }

        func move(_ from: String, _ to: String) throws {
            try FileManager.default.moveItem(
                atPath: url.appendingPathComponent(from).path,
                toPath: url.appendingPathComponent(to).path)
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    struct Seen: Equatable {
        var text: String
        var file: String
        var offset: Int64
    }

    static func lines(_ range: ClosedRange<Int>) -> String { range.map { "line \($0)\n" }.joined() }

    /// Everything the tailer passes on now.
    static func drain(_ tailer: LogTailer, maxBytes: Int = .max) throws -> [String] {
        var seen: [String] = []
        try tailer.poll(maxBytes: maxBytes) { seen.append(String(decoding: $0.bytes, as: UTF8.self)) }
        return seen
    }

    @Test func aLineSplitAcrossReadsIsPassedOnOnceWholeAndAPartialLastLineWaits() throws {
        let dir = try Dir()
        try dir.append("first line, longer than one read\nsecond")
        let tailer = try LogTailer(path: dir.log, startAt: nil, chunkBytes: 8, maxLineBytes: 64)
        var seen: [Seen] = []
        try tailer.poll {
            seen.append(Seen(text: String(decoding: $0.bytes, as: UTF8.self), file: $0.file, offset: $0.offset))
        }
        #expect(seen == [Seen(text: "first line, longer than one read", file: dir.log, offset: 0)])
        #expect(tailer.position()?.offset == 33)
        try dir.append(" line\nthird\n")
        #expect(try Self.drain(tailer) == ["second line", "third"])
        #expect(tailer.position()?.offset == 51)
        #expect(tailer.position()?.head == Array("first line, longer than one read\nsecond line\nthird\n".utf8))
    }

    @Test func resumingAtAPositionSkipsWhatWasRead() throws {
        let dir = try Dir()
        try dir.append(Self.lines(1...5))
        let first = try LogTailer(path: dir.log, startAt: nil)
        #expect(try Self.drain(first, maxBytes: 1).count == 5)  // one read holds all five
        let position = try #require(first.position())
        try dir.append(Self.lines(6...7))
        let second = try LogTailer(path: dir.log, startAt: position)
        #expect(try Self.drain(second) == ["line 6", "line 7"])
        #expect(second.takeEvents() == [.opened(file: dir.log, offset: position.offset)])
    }

    @Test func renameRotationReadsTheOldFileToItsEndThenTheNewOne() throws {
        let dir = try Dir()
        try dir.append(Self.lines(1...2))
        let tailer = try LogTailer(path: dir.log, startAt: nil)
        #expect(try Self.drain(tailer) == ["line 1", "line 2"])
        try dir.append(Self.lines(3...3))
        try dir.move("proxy.log", "proxy.log.1")
        try dir.append(Self.lines(10...11))  // the new file
        try dir.append(Self.lines(4...4), to: dir.path("proxy.log.1"))  // the writer had not reopened yet
        #expect(try Self.drain(tailer) == ["line 3", "line 4", "line 10", "line 11"])
        #expect(tailer.takeEvents().contains(.rotated(from: dir.log, to: dir.log)))
        #expect(tailer.position()?.offset == 16)

        // A restart at a position inside the renamed file finds it by inode.
        let restart = try LogTailer(
            path: dir.log,
            startAt: TailPosition(
                device: tailer.position()!.device, inode: try #require(inode(dir.path("proxy.log.1"))),
                head: Array("line 1\nline 2\n".utf8), offset: 14))
        #expect(try Self.drain(restart) == ["line 3", "line 4", "line 10", "line 11"])
    }

    @Test func copytruncateStartsAgainAtByteZero() throws {
        let dir = try Dir()
        try dir.append(Self.lines(1...3))
        let tailer = try LogTailer(path: dir.log, startAt: nil)
        #expect(try Self.drain(tailer).count == 3)
        try FileManager.default.copyItem(atPath: dir.log, toPath: dir.path("proxy.log.1"))
        #expect(truncate(dir.log, 0) == 0)
        try dir.append(Self.lines(4...4))
        #expect(try Self.drain(tailer) == ["line 4"])
        #expect(tailer.takeEvents().contains(.truncated(file: dir.log, at: 21)))
        // Truncated and written past the old offset between two polls: the first bytes changed.
        #expect(truncate(dir.log, 0) == 0)
        try dir.append(Self.lines(20...25))
        #expect(try Self.drain(tailer) == (20...25).map { "line \($0)" })
    }

    @Test func catchUpReadsRotatedAndGzippedCopiesNewerThanThePosition() throws {
        guard let gzip = ["/usr/bin/gzip", "/bin/gzip"].first(where: FileManager.default.isExecutableFile) else {
            Issue.record("gzip is needed for this test")
            return
        }
        let dir = try Dir()
        try dir.append(Self.lines(1...10))
        let tailer = try LogTailer(path: dir.log, startAt: nil, chunkBytes: 8, maxLineBytes: 64)
        #expect(try Self.drain(tailer, maxBytes: 30) == (1...5).map { "line \($0)" })
        let position = try #require(tailer.position())
        // Two rotations while nobody reads: 1–10 end up compressed as .2.gz.
        try dir.move("proxy.log", "proxy.log.1")
        try dir.append(Self.lines(11...15))
        try dir.move("proxy.log.1", "proxy.log.2")
        let zipped = Process()
        zipped.executableURL = URL(fileURLWithPath: gzip)
        zipped.arguments = [dir.path("proxy.log.2")]
        try zipped.run()
        zipped.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: dir.path("proxy.log.2.gz")))
        try dir.move("proxy.log", "proxy.log.1")
        try dir.append(Self.lines(16...20))
        try dir.append(Self.lines(90...99), to: dir.path("proxy.log.3.gz.bak"))  // not a rotation name
        let restart = try LogTailer(path: dir.log, startAt: position)
        #expect(try Self.drain(restart) == (6...20).map { "line \($0)" })
        #expect(restart.takeEvents().first == .opened(file: dir.path("proxy.log.2.gz"), offset: position.offset))
        #expect(restart.position()?.offset == 40)
    }

    /// CSV exports all begin with the same header: the bytes before the
    /// offset tell the copy from the rewritten file.
    @Test func filesThatStartAlikeAreToldApartByTheirLastBytesRead() throws {
        let dir = try Dir()
        let header = "id,datetime,duration,endpoint,model,prompt_tokens,completion_tokens,status,user_id\n"
        func rows(_ range: ClosedRange<Int>) -> String {
            range.map { "\($0),2025-06-06,\($0),/v1/chat,m,1,2,200,u\n" }.joined()
        }
        try dir.append(header + rows(1...3))
        let tailer = try LogTailer(path: dir.log, startAt: nil)
        #expect(try Self.drain(tailer).count == 4)
        let position = try #require(tailer.position())
        #expect(
            position.head == Array(header.utf8.prefix(64))
                && position.last == Array((header + rows(1...3)).utf8.suffix(64)))
        // copytruncate, then more rows than were read: same inode, same head, larger.
        try FileManager.default.copyItem(atPath: dir.log, toPath: dir.path("proxy.log.1"))
        try dir.append(rows(4...4), to: dir.path("proxy.log.1"))
        #expect(truncate(dir.log, 0) == 0)
        try dir.append(header + rows(10...19))
        let restart = try LogTailer(path: dir.log, startAt: position)
        #expect(
            try Self.drain(restart)
                == [rows(4...4), header, rows(10...19)].joined().split(separator: "\n").map(String.init))
        // The same while following: truncated and rewritten past the offset between two polls.
        #expect(truncate(dir.log, 0) == 0)
        try dir.append(header + rows(20...39))
        #expect(try Self.drain(restart).first == String(header.dropLast()))
    }

    @Test func aDeletedFileIsReadToItsEndAndANewOneFollowed() throws {
        let dir = try Dir()
        try dir.append(Self.lines(1...1))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.log))
        try handle.seekToEnd()
        let tailer = try LogTailer(path: dir.log, startAt: nil)
        #expect(try Self.drain(tailer) == ["line 1"])
        try FileManager.default.removeItem(atPath: dir.log)
        try handle.write(contentsOf: Data("line 2\n".utf8))
        #expect(try Self.drain(tailer) == ["line 2"])
        #expect(tailer.takeEvents().contains(.deleted(file: dir.log)))
        try handle.close()
        try dir.append(Self.lines(3...3))
        #expect(try Self.drain(tailer) == ["line 3"])
    }

    @Test func emptyAndMissingFilesGiveNothingAndAnUnterminatedRotatedLineIsKept() throws {
        let dir = try Dir()
        let missing = try LogTailer(path: dir.log, startAt: nil)
        #expect(try Self.drain(missing).isEmpty && missing.position() == nil)
        try dir.append("")
        #expect(try Self.drain(missing).isEmpty && missing.position()?.offset == 0)
        try dir.append("cut by a crash")
        #expect(try Self.drain(missing).isEmpty)
        try dir.move("proxy.log", "proxy.log.1")
        try dir.append("")
        #expect(try Self.drain(missing) == ["cut by a crash"])
        #expect(missing.takeEvents().contains(.unterminatedLine(file: dir.log, bytes: 14)))
    }

    @Test func aLostPositionReadsTheLiveFileFromItsStart() throws {
        let dir = try Dir()
        try dir.append(Self.lines(1...2))
        let gone = TailPosition(device: 1, inode: 2, head: Array("something else".utf8), offset: 14)
        let tailer = try LogTailer(path: dir.log, startAt: gone)
        #expect(try Self.drain(tailer) == ["line 1", "line 2"])
        #expect(tailer.takeEvents().first == .positionLost(file: dir.log))
    }

    @Test func rotatedNamesAreOrderedOldestFirst() throws {
        let dir = try Dir()
        for name in [
            "proxy.log", "proxy.log.1", "proxy.log.2.gz", "proxy.log.10.gz", "proxy.log-20250601.gz",
            "proxy.log-20250602", "proxy.log.old", "proxy.log-x", "other.log.1",
        ] {
            try dir.append("", to: dir.path(name))
        }
        let names = RotatedFiles.list(for: dir.log).map { URL(fileURLWithPath: $0.path).lastPathComponent }
        #expect(
            names == [
                "proxy.log-20250601.gz", "proxy.log-20250602", "proxy.log.10.gz", "proxy.log.2.gz", "proxy.log.1",
            ])
    }

    func inode(_ path: String) -> UInt64? { FileStatus.of(path: path)?.inode }
}
