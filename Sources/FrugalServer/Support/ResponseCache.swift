import Foundation
import FrugalCarbon
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Encoded JSON answers, served without waiting on the store: an answer is
/// fresh until the store changes (the refresher bumps `generation` when
/// `PRAGMA data_version` moves) or `lifetime` passes (windows that default
/// to "now" move on their own). A stale answer is still served at once, and
/// `CacheRefresher` computes its successor in the background, one at a time,
/// so a month's recompute never sits on a request's path. Only a key asked
/// for the first time is computed by its request.
final class ResponseCache: Sendable {
    typealias Make = @Sendable () async throws -> ByteBuffer

    private struct Entry {
        var generation: Int64
        var born: ContinuousClock.Instant
        var body: ByteBuffer
        /// When a refresh was queued (nil: none); one queued long ago may have been dropped.
        var refreshQueued: ContinuousClock.Instant?
    }

    struct Refresh: Sendable {
        var key: String
        var make: Make
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Keys being computed for the first time: later askers wait for that one computation
    /// (suspended, holding no thread) instead of each computing the month again.
    private let firstComputes = Mutex<[String: Task<ByteBuffer, any Error>]>([:])
    let generation = Atomic<Int64>(0)
    let lifetime: Duration
    let capacity: Int
    let enabled: Bool
    let refreshes: AsyncStream<Refresh>
    private let queue: AsyncStream<Refresh>.Continuation
    /// Where answers are computed: off the cooperative pool.
    let executor = ReadExecutor(label: "frugal.api.compute")

    init(lifetime: Duration = .seconds(1), capacity: Int = 2_048, enabled: Bool = true) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.enabled = enabled
        (refreshes, queue) = AsyncStream.makeStream(of: Refresh.self, bufferingPolicy: .bufferingNewest(capacity))
    }

    /// The cached body for `key`: fresh, or stale while a refresh is queued;
    /// when there is none yet, `make()`'s, computed once for every asker.
    func body(for key: String, make: @escaping Make) async throws -> ByteBuffer {
        guard enabled else { return try await Task(executorPreference: executor) { try await make() }.value }
        let now = ContinuousClock.now
        let current = generation.load(ordering: .relaxed)
        let (cached, queue) = entries.withLock { entries -> (ByteBuffer?, Bool) in
            guard var entry = entries[key] else { return (nil, false) }
            let fresh = entry.generation == current && now - entry.born < lifetime
            let queued = entry.refreshQueued.map { now - $0 < .seconds(30) } ?? false
            guard !fresh, !queued else { return (entry.body, false) }
            entry.refreshQueued = now
            entries[key] = entry
            return (entry.body, true)
        }
        if queue { self.queue.yield(Refresh(key: key, make: make)) }
        if let cached { return cached }
        let task = firstComputes.withLock { tasks in
            if let running = tasks[key] { return running }
            let task = Task(executorPreference: executor) { try await make() }
            tasks[key] = task
            return task
        }
        defer { firstComputes.withLock { if $0[key] == task { $0[key] = nil } } }
        return store(key, generation: current, born: now, body: try await task.value)
    }

    /// Computes a queued refresh (`CacheRefresher`); a failure keeps the stale answer.
    func refresh(_ job: Refresh) async {
        let current = generation.load(ordering: .relaxed)
        let born = ContinuousClock.now
        guard let body = try? await withTaskExecutorPreference(executor, operation: { try await job.make() }) else {
            entries.withLock { $0[job.key]?.refreshQueued = nil }
            return
        }
        _ = store(job.key, generation: current, born: born, body: body)
    }

    private func store(_ key: String, generation: Int64, born: ContinuousClock.Instant, body: ByteBuffer) -> ByteBuffer
    {
        entries.withLock { entries in
            if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(generation: generation, born: born, body: body)
        }
        return body
    }

    /// Marks every entry stale (the store changed).
    func invalidate() {
        generation.add(1, ordering: .relaxed)
    }
}

/// Computes the cache's queued refreshes one after the other, off the
/// requests' path and off the cooperative pool (`ReadExecutor`), until shutdown.
struct CacheRefresher: Service {
    let cache: ResponseCache

    func run() async throws {
        await cancelWhenGracefulShutdown { [cache] in
            for await job in cache.refreshes {
                await cache.refresh(job)
            }
        }
    }
}

/// JSON encoding shared by every route: snake_case keys, no escaped slashes,
/// keys sorted so that equal answers are equal bytes (the encoder's own order
/// changes from one run to the next).
enum JSONBody {
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    static func response(_ body: ByteBuffer, contentType: String = "application/json") -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: body))
    }
}
