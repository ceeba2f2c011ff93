import FrugalCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One sysfs attribute holding an integer (`energy_uj`, `power1_average`),
/// kept open and re-read with `pread(fd, buf, n, 0)` on every sample.
///
/// Keeping the descriptor open makes a sample one system call per counter
/// instead of open + read + close: sysfs regenerates the text on each read
/// at offset 0, so a reopen buys nothing on a live kernel.
///
/// Failures are typed: a missing file is `.absent`, a permission error is
/// `.unavailable` with the fix, and text that is not a number (empty,
/// garbage, overflow) is `.transient` naming the path and the bad text. Never
/// a zero. A read that fails with `ENODEV` or `ENOENT` (the zone was
/// unplugged) closes the descriptor, and the next read reopens the path.
///
/// On a tree that is not sysfs (a captured or replayed tree under `Probes/`),
/// the file is re-checked with `fstat` on each read, and reopened when it was
/// deleted or made unreadable, because an ordinary file system keeps serving
/// a deleted file's old bytes through an open descriptor where sysfs would
/// answer `ENODEV`.
///
/// Not thread-safe: a source and its files are owned by one task.
public final class SysfsFile {
    /// The absolute path opened.
    public let path: String
    /// The path relative to the sysfs root, used in every failure message so
    /// that messages do not depend on where the tree is mounted.
    public let displayPath: String

    private var fd: Int32 = -1
    private var isKernelFS = false
    private var buffer = [UInt8](repeating: 0, count: 64)

    /// Prepares a file; nothing is opened until the first read.
    public init(root: String, relativePath: String) {
        self.path = root.hasSuffix("/") ? root + relativePath : root + "/" + relativePath
        self.displayPath = relativePath
    }

    deinit { close() }

    /// Opens the file now (discovery uses this to tell a missing or denied
    /// counter from a readable one before the first sample).
    public func open() -> Result<Void, ProbeFailure> {
        if fd >= 0 { return .success(()) }
        let opened = path.withCString { systemOpen($0) }
        guard opened >= 0 else { return .failure(Self.openFailure(errno, displayPath)) }
        fd = opened
        isKernelFS = Self.isSysfs(opened)
        return .success(())
    }

    /// Closes the descriptor; the next read reopens it.
    public func close() {
        if fd >= 0 { systemClose(fd) }
        fd = -1
    }

    /// Reads the file as an unsigned decimal integer (`energy_uj`, µW, µJ).
    public func readUInt64() -> Result<UInt64, ProbeFailure> {
        readBytes().flatMap { count in
            buffer.withUnsafeBufferPointer { bytes in
                IntegerText.parseUInt64(UnsafeBufferPointer(rebasing: bytes[0..<count]), path: displayPath)
            }
        }
    }

    private func readBytes() -> Result<Int, ProbeFailure> {
        if fd >= 0, !isKernelFS, Self.wasDeletedOrDenied(fd) { close() }
        if case .failure(let failure) = open() { return .failure(failure) }
        let capacity = buffer.count
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, capacity, 0) }
        if count < 0 {
            let code = errno
            if code == ENODEV || code == ENOENT {
                close()
                return .failure(ProbeFailure(.absent, "\(displayPath) vanished (\(Self.errorName(code)))"))
            }
            return .failure(ProbeFailure(.transient, "\(displayPath): read failed: \(Self.errorName(code))"))
        }
        if count == capacity {
            return .failure(ProbeFailure(.transient, "\(displayPath): more than \(capacity - 1) bytes, not a counter"))
        }
        return .success(count)
    }

    /// The failure for an `open` that returned `code`.
    static func openFailure(_ code: Int32, _ displayPath: String) -> ProbeFailure {
        switch code {
        case ENOENT, ENOTDIR:
            return ProbeFailure(.absent, "\(displayPath) does not exist")
        case EACCES, EPERM:
            // energy_uj is root-only since CVE-2020-8694 (PLATYPUS).
            return ProbeFailure(
                .unavailable, "\(displayPath): permission denied", fix: SysfsFile.permissionFix)
        case ENODEV, ENXIO:
            return ProbeFailure(.absent, "\(displayPath): device is gone (\(errorName(code)))")
        default:
            return ProbeFailure(.transient, "\(displayPath): open failed: \(errorName(code))")
        }
    }

    /// What to do when a counter is root-only.
    public static let permissionFix =
        "run as root or grant CAP_DAC_READ_SEARCH (systemd: AmbientCapabilities=CAP_DAC_READ_SEARCH)"

    static func errorName(_ code: Int32) -> String {
        String(cString: strerror(code)) + " (errno \(code))"
    }

    private static func wasDeletedOrDenied(_ fd: Int32) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return true }
        return info.st_nlink == 0 || (info.st_mode & 0o444) == 0
    }

    private static func isSysfs(_ fd: Int32) -> Bool {
        #if os(Linux)
            // struct statfs starts with f_type (a long on 64-bit Linux); Glibc's
            // Swift module does not export fstatfs, so it is looked up once.
            guard let fstatfs = fstatfsFunction else { return false }
            var info = [Int](repeating: 0, count: 64)
            guard info.withUnsafeMutableBytes({ fstatfs(fd, $0.baseAddress!) }) == 0 else { return false }
            return info[0] == sysfsMagic
        #else
            return false
        #endif
    }
}

// File-scope wrappers: inside SysfsFile, `open` and `close` name its own methods.
private func systemOpen(_ path: UnsafePointer<CChar>) -> Int32 { open(path, O_RDONLY | O_CLOEXEC) }
private func systemClose(_ fd: Int32) { _ = close(fd) }

#if os(Linux)
    /// SYSFS_MAGIC from linux/magic.h.
    private let sysfsMagic = 0x6265_6572
    private let fstatfsFunction: (@convention(c) (Int32, UnsafeMutableRawPointer) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "fstatfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafeMutableRawPointer) -> Int32).self)
    }()
#endif
