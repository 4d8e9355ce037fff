import Synchronization

/// How long each query text took on each snapshot, so that queries known to be fast are
/// answered on the reader thread, like the cheap methods, instead of paying two thread switches.
///
/// A query's work depends only on its text and the snapshot (both immutable), so its last
/// running time predicts the next one well; a query runs on the workers the first time and
/// whenever it took `inlineBelow` or more. Bounded: the table is emptied when it is full.
final class FastQueries: Sendable {
    /// Queries that took less than this (parse, check, evaluation and JSON) run inline;
    /// zero turns inline queries off (`--inline-query-us`).
    let inlineBelow: Duration

    /// Inlines queries that took less than `inlineBelow`.
    init(inlineBelow: Duration) { self.inlineBelow = inlineBelow }

    /// The most query texts remembered.
    static let capacity = 4096

    private struct Key: Hashable {
        var snapshot: Int
        var text: String
    }

    /// Invariant: at most `capacity` entries.
    private let seen = Mutex<[Key: Duration]>([:])

    /// Whether `text` is known to run in under `inlineBelow` on snapshot `snapshot`.
    func isFast(_ text: String, snapshot: Int) -> Bool {
        inlineBelow > .zero && (seen.withLock { $0[Key(snapshot: snapshot, text: text)] }.map { $0 < inlineBelow } ?? false)
    }

    /// Records how long `text` took on snapshot `snapshot`.
    func record(_ text: String, snapshot: Int, took: Duration) {
        guard inlineBelow > .zero else { return }
        seen.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[Key(snapshot: snapshot, text: text)] = took
        }
    }
}
