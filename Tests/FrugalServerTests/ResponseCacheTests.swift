import Foundation
import Hummingbird
import Synchronization
import Testing

@testable import FrugalServer

/// The answer cache: a stale answer is served at once while its successor is
/// computed in the background, and a key asked by many at once is computed once.
@Suite struct ResponseCacheTests {
    final class Computations: Sendable {
        let count = Mutex(0)

        func body(pause: Duration = .zero) -> ByteBuffer {
            if pause > .zero { Thread.sleep(forTimeInterval: Double(pause.components.attoseconds) / 1e18) }
            let n = count.withLock {
                $0 += 1
                return $0
            }
            return ByteBuffer(string: "answer \(n)")
        }
    }

    @Test func aStaleAnswerIsServedAtOnceAndRefreshedInTheBackground() async throws {
        let cache = ResponseCache(lifetime: .milliseconds(50))
        let computations = Computations()
        let first = try await cache.body(for: "GET /v1/models") { computations.body() }
        #expect(String(buffer: first) == "answer 1")
        try await Task.sleep(for: .milliseconds(80))
        let stale = try await cache.body(for: "GET /v1/models") { computations.body() }
        #expect(String(buffer: stale) == "answer 1", "served without waiting for the recompute")
        #expect(computations.count.withLock { $0 } == 1)
        var jobs = cache.refreshes.makeAsyncIterator()
        let job = try #require(await jobs.next())
        await cache.refresh(job)  // what CacheRefresher does, off the pool
        let fresh = try await cache.body(for: "GET /v1/models") { computations.body() }
        #expect(String(buffer: fresh) == "answer 2")
        #expect(computations.count.withLock { $0 } == 2)
    }

    @Test func aKeyAskedByManyAtOnceIsComputedOnce() async throws {
        let cache = ResponseCache()
        let computations = Computations()
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    String(
                        buffer: try await cache.body(for: "GET /v1/requests") {
                            computations.body(pause: .milliseconds(100))
                        })
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(answers) == ["answer 1"] && answers.count == 16)
        #expect(computations.count.withLock { $0 } == 1)
    }
}
