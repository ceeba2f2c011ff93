import CFrugalShims

#if canImport(Glibc)
    import Glibc
#endif

/// A sleep that another thread can cut short (the daemon's shutdown): the
/// sampling thread waits on a pipe with a timeout, and shutdown writes to it.
/// One system call per sleep, no thread hops, wake-up at the deadline to the
/// microsecond.
public final class StopSignal: @unchecked Sendable {
    // The descriptors are set once in init and only used afterwards.
    private let fd: Int32
    private let writeEnd: Int32

    public init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw WakeupError(errno: errno) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        fd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(fd)
        close(writeEnd)
    }

    /// Wakes the sleeper now and every later sleep at once (shutdown).
    public func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Sleeps until the monotonic clock reads `deadline` (ns) or `signal()`;
    /// true when signalled.
    func sleep(untilMonotonic deadline: Int64) -> Bool {
        while true {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let remaining = deadline - (Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))
            if remaining <= 0 { return isSignalled }
            let ready = frugal_wait_readable(fd, remaining)
            if ready > 0 { return true }
            // A timeout is never early (ppoll rounds up): no second look at the clock or the pipe.
            if ready == 0 { return false }
            if errno != EINTR { return isSignalled }
        }
    }

    private var isSignalled: Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }
}

struct WakeupError: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { "pipe failed: \(String(cString: strerror(errno)))" }
}
