import Dispatch
import Synchronization

/// Counts the rows the `~` fuzzy match has compared, for the test that proves its loop stops
/// when the query is cancelled (the loop's own check, not one before or after it). Bound to a
/// task by that test only; nil everywhere else, so the loop reads it once and counts nothing.
enum FuzzyMatchProbe {
    /// A counter shared between the test and the query it runs.
    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        /// Signalled by the test to let the loop go on after its first row.
        private let release = DispatchSemaphore(value: 0)
        /// Whether the loop waits for `resume()` after its first row.
        private let holdsAfterFirstRow: Bool

        /// A counter; with `holdsAfterFirstRow`, the loop stops after counting its first row
        /// until `resume()`, so a test can cancel the query while it is inside the loop,
        /// whatever the machine's speed.
        init(holdsAfterFirstRow: Bool = false) { self.holdsAfterFirstRow = holdsAfterFirstRow }

        /// Rows compared so far.
        var value: Int { count.load(ordering: .relaxed) }
        /// Counts one more row (and holds after the first one, if asked to).
        func increment() {
            let now = count.add(1, ordering: .relaxed).newValue
            if holdsAfterFirstRow && now == 1 { release.wait() }
        }
        /// Lets a held loop go on.
        func resume() { release.signal() }
    }

    /// The counter of the running query, if a test bound one.
    @TaskLocal static var rows: Counter?
}
