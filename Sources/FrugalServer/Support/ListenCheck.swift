import FrugalRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether `[server] listen` can be bound, checked before the server starts
/// so that a port held by another process (a second daemon, `frugal serve`)
/// is a startup error that names the key, not a stack of NIO errors.
public enum ListenCheck {
    /// Binds `address` (`host:port`) the way the server will (SO_REUSEADDR)
    /// and releases it. Port 0 always passes: the kernel picks a free one.
    public static func assertFree(_ address: String) throws {
        guard let (host, port) = ServerSettings.split(address) else {
            throw ServerSetupError("[server] listen \(address) is not host:port, such as 127.0.0.1:9464")
        }
        guard port != 0 else { return }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw ServerSetupError(
                "[server] listen \(address): \(host) does not resolve: use an IP address or localhost")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { return }  // Let the server report what the socket call refuses.
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            let hint =
                errno == EADDRINUSE
                ? "another frugal daemon or frugal serve, or another program, listens there: "
                    + "set [server] listen to a free port, or [server] enabled = false in the daemon"
                : "set [server] listen to an address of this host"
            throw ServerSetupError("[server] listen \(address) cannot be bound (\(reason)): \(hint)")
        }
    }
}
