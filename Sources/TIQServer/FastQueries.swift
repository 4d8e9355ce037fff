import Synchronization

/// Which queries are known to be fast, so that they are answered on the reader thread, like
/// the cheap methods, instead of paying two thread switches.
///
/// A query's work depends on its params (text, format, limit), the snapshot (immutable) and
/// what the engine's cache of that snapshot holds (`Engine.cacheStatistics`). A successful run
/// that took less than `inlineBelow` is
/// remembered with the series cache's eviction count at that time; the next identical request runs
/// inline only if the snapshot is the same and the cache has dropped nothing since (a roll-up
/// the query relied on may be gone). A failed run is never remembered (a bad `limit` fails
/// fast whatever the text costs), a slow one is forgotten, and long texts are not kept.
final class FastQueries: Sendable {
    /// The longest query text remembered, in bytes: keeps the table's memory small.
    static let maxTextBytes = 4096
    /// The most requests remembered; the table is emptied when it is full.
    static let capacity = 4096

    /// What identifies one request's work: everything the answer depends on but `timeoutMs`.
    struct Key: Hashable, Sendable {
        /// The snapshot id (ids are never reused).
        var snapshot: Int
        /// The query text's exact UTF-8 bytes (Swift's `String` equality is canonical).
        var text: [UInt8]
        /// `params.format` and `params.limit` as sent (JSON text), nil when absent.
        var format: String?
        var limit: String?
    }

    /// Queries that took less than this (parse, check, evaluation and JSON) run inline;
    /// zero turns inline queries off (`--inline-query-us`).
    let inlineBelow: Duration
    /// Invariant: at most `capacity` entries, each a successful run under `inlineBelow`.
    private let fast = Mutex<[Key: Int]>([:])

    /// Inlines queries that took less than `inlineBelow`.
    init(inlineBelow: Duration) { self.inlineBelow = inlineBelow }

    /// The key of a request, or nil when it is not worth remembering.
    func key(text: String, format: String?, limit: String?, snapshot: Int) -> Key? {
        guard inlineBelow > .zero, text.utf8.count <= Self.maxTextBytes else { return nil }
        return Key(snapshot: snapshot, text: Array(text.utf8), format: format, limit: limit)
    }

    /// Whether `key` ran fast, with `memoEvictions` equal to the memo's count now.
    func isFast(_ key: Key, memoEvictions: Int) -> Bool {
        fast.withLock { $0[key] } == memoEvictions
    }

    /// Records a successful run of `key` that took `took`, the memo's eviction count being
    /// `memoEvictions` when it started.
    func record(_ key: Key, took: Duration, memoEvictions: Int) {
        fast.withLock { table in
            guard took < inlineBelow else {
                table[key] = nil
                return
            }
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[key] = memoEvictions
        }
    }
}
