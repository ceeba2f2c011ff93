import Logging
import PostgresNIO
import Synchronization

/// One connection to the fleet database, opened on first use and again after
/// it broke. Work runs one unit at a time (a transaction must not interleave
/// with another caller's statements), in arrival order.
///
/// A unit of work never outlives its connection: when the server goes away
/// in the middle of a batch (a restart, `pg_ctl stop -m fast`), postgres-nio
/// can leave a query sent on the closing connection unanswered forever, so
/// each unit races the connection's close and `workTimeout` and fails with
/// `.unreachable` at whichever comes first.
actor FleetConnection {
    let settings: PostgresSettings
    private let logger: Logger
    private var connection: PostgresConnection?
    private var nextID = 1
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// How to fail the unit of work in flight, with the connection it runs on.
    private let inFlight = InFlight()

    init(settings: PostgresSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Runs `body` alone on the connection; errors come back as `FleetError`,
    /// and a broken connection is closed so the next call reconnects.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T)
        async throws(FleetError) -> T
    {
        await acquire()
        defer { release() }
        do {
            let connection = try await open()
            return try await guarded(connection, id: nextID - 1, body)
        } catch {
            let fleet = FleetError.from(error, target: settings.target)
            if fleet.dropsConnection || connection?.isClosed == true { drop() }
            throw fleet
        }
    }

    /// Runs `body` inside BEGIN … COMMIT (ROLLBACK when it throws).
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T)
        async throws(FleetError) -> T
    {
        try await run { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                if !connection.isClosed { _ = try? await connection.query("ROLLBACK", logger: logger) }
                throw error
            }
        }
    }

    /// `body` on `connection`, or an `.unreachable` error as soon as the
    /// connection closes or `workTimeout` passes; an abandoned body finishes
    /// (or not) on its own, its result unused.
    private func guarded<T: Sendable>(
        _ connection: PostgresConnection, id: Int,
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws -> T {
        let race = Race<T>()
        let logger = logger
        let timeout = settings.workTimeout
        let target = settings.target
        defer { inFlight.slot.withLock { $0 = nil } }
        return try await withCheckedThrowingContinuation { continuation in
            race.arm(continuation)
            inFlight.slot.withLock { $0 = (id, { race.finish(.failure($0)) }) }
            let deadline = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                race.finish(.failure(FleetError(.unreachable, "no answer from PostgreSQL at \(target) in \(timeout)")))
            }
            Task {
                do { race.finish(.success(try await body(connection, logger))) } catch { race.finish(.failure(error)) }
                deadline.cancel()
            }
            // The connection may have closed before the watch was set.
            if connection.isClosed { race.finish(.failure(Self.closed(target))) }
        }
    }

    static func closed(_ target: String) -> FleetError {
        FleetError(
            .unreachable, "PostgreSQL at \(target) closed the connection",
            fix: "is the server restarting? data stays buffered locally")
    }

    deinit {
        // A store released without shutdown(): close the connection and keep
        // it alive until the channel is closed (postgres-nio asserts that a
        // connection is closed before it is released).
        guard let connection, !connection.isClosed else { return }
        connection.close().whenComplete { _ in _ = connection }
    }

    func close() async {
        await acquire()
        defer { release() }
        guard let old = connection else { return }
        connection = nil
        try? await old.close()
    }

    private func open() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let configuration = try settings.connectionConfiguration()
        let id = nextID
        let fresh = try await PostgresConnection.connect(configuration: configuration, id: id, logger: logger)
        nextID += 1
        connection = fresh
        let inFlight = inFlight
        let target = settings.target
        fresh.closeFuture.whenComplete { _ in
            // Fail the work in flight on this connection, if any (never one on a newer connection).
            let current = inFlight.slot.withLock { $0 }
            if let current, current.id == id { current.fail(Self.closed(target)) }
        }
        logger.debug("fleet database connected", metadata: ["store.target": "\(settings)"])
        return fresh
    }

    /// Forgets the connection and closes it without waiting: a broken
    /// connection's close may itself never complete.
    private func drop() {
        guard let old = connection else { return }
        connection = nil
        old.close().whenComplete { _ in _ = old }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// The unit of work in flight: the connection it runs on, and how to fail it.
final class InFlight: Sendable {
    let slot = Mutex<(id: Int, fail: @Sendable (FleetError) -> Void)?>(nil)
}

/// Resumes a continuation once, with whichever result comes first.
final class Race<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)

    func arm(_ continuation: CheckedContinuation<T, any Error>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Resumes with `result` if nothing did yet; returns whether this call did.
    @discardableResult
    func finish(_ result: Result<T, any Error>) -> Bool {
        guard let continuation = continuation.withLock({ $0.take() }) else { return false }
        continuation.resume(with: result)
        return true
    }
}
