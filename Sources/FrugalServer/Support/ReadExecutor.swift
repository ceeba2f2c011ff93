import Dispatch

/// A serial executor on a thread of its own for the API's computations: a
/// month of answers takes ~0.2 s of CPU and SQLite reads block their thread,
/// and on a 2-core host the cooperative pool has two threads, which two such
/// jobs would take from requests. Work that prefers this executor
/// (`withTaskExecutorPreference`, `Task(executorPreference:)`) runs here,
/// the SQLite reads included; PostgreSQL reads only wait here.
final class ReadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the queue is the only state, and DispatchQueue is thread-safe.
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
