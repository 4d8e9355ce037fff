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
    /// Set by `shutdown()`; read and written only while holding `condition`.
    private var stopping = false
    /// Threads still serving the queue; read and written only while holding `condition`.
    private var threadsLeft = 0

    /// How many of the pool's threads still serve the queue (0 some time after `shutdown()`).
    public var liveThreads: Int {
        condition.lock()
        defer { condition.unlock() }
        return threadsLeft
    }
    private let condition = NSCondition()

    /// The stack of the threads that parse, check and evaluate queries: room for the deepest
    /// nesting `--max-query-depth` allows (1,000 levels) even in a debug build. Address space
    /// only: pages are committed as the stack grows.
    static let threadStackBytes = 64 << 20

    /// Starts `count` threads (at least one) named `name-0`, `name-1`, …
    public init(count: Int, name: String = "tiq-worker") {
        threadsLeft = max(1, count)
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
        guard !stopping else {
            condition.unlock()
            // A late job (a task finishing after its endpoint stopped) still runs, on its own thread.
            let thread = Thread { [self] in unowned.runSynchronously(on: asUnownedTaskExecutor()) }
            thread.stackSize = Self.threadStackBytes
            thread.start()
            return
        }
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once the queue is empty, so that a pool made for one endpoint (an
    /// in-process one, in tests) does not outlive it. Jobs enqueued afterwards still run.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            guard !jobs.isEmpty else {
                threadsLeft -= 1
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
