import Synchronization

/// Counts the rows the `~` fuzzy match has compared, for the test that proves its loop stops
/// when the query is cancelled (the loop's own check, not one before or after it). Bound to a
/// task by that test only; nil everywhere else, so the loop reads it once and counts nothing.
enum FuzzyMatchProbe {
    /// A counter shared between the test and the query it runs.
    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        /// Rows compared so far.
        var value: Int { count.load(ordering: .relaxed) }
        /// Counts one more row.
        func increment() { count.add(1, ordering: .relaxed) }
    }

    /// The counter of the running query, if a test bound one.
    @TaskLocal static var rows: Counter?
}
