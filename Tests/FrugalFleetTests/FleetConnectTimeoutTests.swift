import Foundation
import FrugalFleet
import Testing

/// A server that accepts the TCP connection and never answers PostgreSQL's
/// startup message: a listening socket nobody reads (the kernel completes
/// the handshake from its backlog). postgres-nio's connect deadline
/// (`PostgresSettings.connectTimeout`, the URL's `connect_timeout`) covers the
/// startup exchange as well as TCP: this pins that down.
@Suite("Connecting to a server that never answers")
struct FleetConnectTimeoutTests {
    /// A loopback socket that listens and never accepts; closed by `close`.
    static func silentListener() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        try #require(bound == 0 && listen(fd, 8) == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test("a silent server fails as unreachable within connect_timeout, and so does the next try")
    func silentServer() async throws {
        let (fd, port) = try Self.silentListener()
        defer { close(fd) }
        let settings = try PostgresSettings(url: "postgres://frugal@127.0.0.1:\(port)/frugal?connect_timeout=1")
        #expect(settings.connectTimeout == .seconds(1))
        let store = PostgresStore(settings: settings)
        for _ in 0..<2 {
            let clock = ContinuousClock()
            let started = clock.now
            await #expect {
                _ = try await store.schemaVersion()
            } throws: { error in
                (error as? FleetError)?.kind == .unreachable && "\(error)".contains("Connect timeout (1 s)")
            }
            let elapsed = clock.now - started
            // 1 s, and far from a hang: the bound is loose because the whole suite shares 2 cores.
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(15), "failed after \(elapsed)")
        }
        await store.shutdown()
    }

    @Test("connect_timeout outside 1 to 600 seconds is refused")
    func badTimeout() {
        for value in ["0", "abc", "601"] {
            #expect(throws: FleetError.self) {
                try PostgresSettings(url: "postgres://frugal@127.0.0.1/frugal?connect_timeout=\(value)")
            }
        }
    }
}
