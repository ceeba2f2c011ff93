#if canImport(Glibc)
    import Glibc
#endif

/// Tells systemd how the daemon is doing, over the `NOTIFY_SOCKET` datagram
/// protocol (sd_notify(3)), without linking libsystemd.
///
/// Outside systemd (no `NOTIFY_SOCKET`) every call does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket path; a leading `@` names an abstract socket.
    public let socketPath: String?
    /// How often systemd expects `WATCHDOG=1`, from `WATCHDOG_USEC`.
    public let watchdogInterval: Duration?

    public init(environment: [String: String]) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if pidMatches, let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0 {
            watchdogInterval = .microseconds(usec)
        } else {
            watchdogInterval = nil
        }
    }

    /// Start-up is done: the first samples are being taken.
    public func ready(status: String) throws { try send("READY=1\nSTATUS=\(status)") }
    /// The sampler is alive; send at half the watchdog interval.
    public func watchdog() throws { try send("WATCHDOG=1") }
    public func stopping() throws { try send("STOPPING=1") }
    public func status(_ text: String) throws { try send("STATUS=\(text)") }

    /// Sends one datagram; an error means systemd did not get it.
    public func send(_ message: String) throws(NotifyError) {
        guard let socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw NotifyError(errno: errno, path: socketPath) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { throw NotifyError(errno: ENAMETOOLONG, path: socketPath) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let sent = message.utf8CString.withUnsafeBufferPointer { text in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, text.baseAddress, text.count - 1, Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
        guard sent >= 0 else { throw NotifyError(errno: errno, path: socketPath) }
    }
}

/// A notification systemd did not receive.
public struct NotifyError: Error, CustomStringConvertible {
    public let errno: Int32
    public let path: String
    public var description: String { "sd_notify to \(path) failed: \(String(cString: strerror(errno)))" }
}
