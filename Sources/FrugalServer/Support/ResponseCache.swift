import Foundation
import Hummingbird
import Synchronization

/// Encoded JSON answers kept until the store changes (the refresher bumps
/// `generation` when `PRAGMA data_version` moves) or for at most
/// `lifetime`, since windows that default to "now" move on their own.
final class ResponseCache: Sendable {
    private struct Entry {
        var generation: Int64
        var born: ContinuousClock.Instant
        var body: ByteBuffer
    }

    private let entries = Mutex<[String: Entry]>([:])
    let generation = Atomic<Int64>(0)
    let lifetime: Duration
    let capacity: Int
    let enabled: Bool

    init(lifetime: Duration = .seconds(1), capacity: Int = 2_048, enabled: Bool = true) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.enabled = enabled
    }

    /// The cached body for `key`, or `make()`'s, stored for the next caller.
    func body(for key: String, make: () throws -> ByteBuffer) rethrows -> ByteBuffer {
        guard enabled else { return try make() }
        let now = ContinuousClock.now
        let current = generation.load(ordering: .relaxed)
        if let entry = entries.withLock({ $0[key] }), entry.generation == current, now - entry.born < lifetime {
            return entry.body
        }
        let body = try make()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(generation: current, born: now, body: body)
        }
        return body
    }

    /// Marks every entry stale (the store changed).
    func invalidate() {
        generation.add(1, ordering: .relaxed)
    }
}

/// JSON encoding shared by every route: snake_case keys, no escaped slashes.
enum JSONBody {
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    static func response(_ body: ByteBuffer, contentType: String = "application/json") -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }
}
