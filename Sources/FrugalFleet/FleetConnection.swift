import Logging
import PostgresNIO

/// One connection to the fleet database, opened on first use and again after
/// it broke. Work runs one unit at a time (a transaction must not interleave
/// with another caller's statements), in arrival order.
actor FleetConnection {
    let settings: PostgresSettings
    private let logger: Logger
    private var connection: PostgresConnection?
    private var nextID = 1
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(settings: PostgresSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Runs `body` alone on the connection; errors come back as `FleetError`,
    /// and a broken connection is closed so the next call reconnects.
    func run<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws(FleetError) -> T {
        await acquire()
        defer { release() }
        do {
            let connection = try await open()
            return try await body(connection, logger)
        } catch {
            let fleet = FleetError.from(error, target: settings.target)
            if fleet.dropsConnection || connection?.isClosed == true { await drop() }
            throw fleet
        }
    }

    /// Runs `body` inside BEGIN … COMMIT (ROLLBACK when it throws).
    func transaction<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws(FleetError) -> T
    {
        try await run { connection, logger in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection, logger)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
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
        await drop()
    }

    private func open() async throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let configuration = try settings.connectionConfiguration()
        let fresh = try await PostgresConnection.connect(configuration: configuration, id: nextID, logger: logger)
        nextID += 1
        connection = fresh
        logger.debug("fleet database connected", metadata: ["store.target": "\(settings)"])
        return fresh
    }

    private func drop() async {
        guard let old = connection else { return }
        connection = nil
        try? await old.close()
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
