import Foundation
import ServiceLifecycle
import Synchronization

/// Runs blocking work (libcurl, its retry pauses) on a thread of its own, so
/// it holds neither a thread of the cooperative pool nor the caller past
/// graceful shutdown: when shutdown or cancellation comes first, the caller
/// gets nil at once and the thread finishes on its own, its result dropped.
/// (The cost API's recomputes and `/metrics` refreshes, async since they read
/// PostgreSQL too, run on FrugalServer's `ReadExecutor` instead.)
public enum OffThread {
    public static func run<T: Sendable>(
        name: String = "frugal.carbon.fetch", _ work: @escaping @Sendable () -> T
    ) async -> T? {
        let waiter = Waiter<T>()
        return await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
                    guard waiter.wait(continuation) else { return }
                    let thread = Thread { waiter.finish(work()) }
                    thread.name = name
                    thread.start()
                }
            } onCancel: {
                waiter.finish(nil)
            }
        } onGracefulShutdown: {
            waiter.finish(nil)
        }
    }

    /// The caller's continuation, resumed once by whoever comes first.
    private final class Waiter<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T?, Never>?
            var finished = false
        }
        private let state = Mutex(State())

        /// Keeps the continuation; false (and resumed with nil) when already finished.
        func wait(_ continuation: CheckedContinuation<T?, Never>) -> Bool {
            let finished = state.withLock { state in
                if !state.finished { state.continuation = continuation }
                return state.finished
            }
            if finished { continuation.resume(returning: nil) }
            return !finished
        }

        func finish(_ value: T?) {
            let continuation = state.withLock { state -> CheckedContinuation<T?, Never>? in
                guard !state.finished else { return nil }
                state.finished = true
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume(returning: value)
        }
    }
}
