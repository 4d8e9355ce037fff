import Foundation

/// A fixed set of threads that run the synchronous, CPU-bound part of heavy requests
/// (queries, explains, loads), so they never occupy Swift's small cooperative pool and a slow
/// query cannot hold up a cheap request such as `status` or `complete`.
///
/// A `TaskExecutor`: a request task created with this executor as its preference runs its
/// synchronous code here while `Task.isCancelled` keeps working inside the engine.
public final class WorkerPool: TaskExecutor, @unchecked Sendable {
    /// Jobs waiting for a thread. Invariant: read and written only while holding `condition`.
    private var jobs: [UnownedJob] = []
    private let condition = NSCondition()

    /// The stack of the threads that parse, check and evaluate queries: room for the deepest
    /// nesting `--max-query-depth` allows (1,000 levels) even in a debug build. Address space
    /// only: pages are committed as the stack grows.
    static let threadStackBytes = 64 << 20

    /// Starts `count` threads (at least one) named `name-0`, `name-1`, …
    public init(count: Int, name: String = "tiq-worker") {
        for i in 0..<max(1, count) {
            let thread = Thread { [self] in self.work() }
            thread.name = "\(name)-\(i)"
            thread.stackSize = Self.threadStackBytes
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
