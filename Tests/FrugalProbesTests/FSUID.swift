import Glibc
import Testing

/// Runs `body` on the current thread with the file-system user id of
/// `nobody`, so that a file chmod-ed 000 is unreadable even though the tests
/// run as root: dropping the fsuid clears CAP_DAC_OVERRIDE for that thread.
/// `body` must be synchronous (no suspension point may move it to another
/// thread). Outside root, permissions already apply and `body` just runs.
func asUnprivilegedReader<T>(_ body: () throws -> T) rethrows -> T {
    guard getuid() == 0, let setfsuid = setfsuidFunction else { return try body() }
    _ = setfsuid(65534)
    defer { _ = setfsuid(0) }
    // setfsuid returns the previous fsuid and ignores an invalid one: a check.
    if setfsuid(UInt32.max) != 65534 {
        Issue.record("setfsuid(65534) did not take: running as root without CAP_SETUID?")
    }
    return try body()
}

// Glibc's Swift module does not export setfsuid(2).
private let setfsuidFunction: (@convention(c) (UInt32) -> Int32)? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "setfsuid") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (UInt32) -> Int32).self)
}()
