import Synchronization

/// A small, bounded memo attached to one snapshot, for results derived from it that are worth
/// keeping between queries (roll-ups of stored columns to coarser levels).
///
/// The snapshot is immutable, so anything derived from it stays valid for its lifetime; the
/// memo dies with the snapshot. Thread-safe; least recently used entries go first.
public final class SnapshotMemo: Sendable {
    /// Invariant: `order` lists every key of `entries` once, least recently used first.
    private let state = Mutex(State())
    private let capacity: Int

    private struct State {
        var entries: [String: any Sendable] = [:]
        var order: [String] = []
        var evictions = 0
    }

    /// Creates a memo keeping at most `capacity` entries.
    public init(capacity: Int = 64) { self.capacity = capacity }

    /// The value stored under `key`, computing and storing it with `make` when absent.
    /// `make` runs outside the lock, so two callers may compute the same value once each.
    public func value<T: Sendable, E: Error>(_ key: String, make: () throws(E) -> T) throws(E) -> T {
        if let hit = state.withLock({ s -> T? in
            guard let v = s.entries[key] as? T else { return nil }
            if let i = s.order.firstIndex(of: key) { s.order.remove(at: i); s.order.append(key) }
            return v
        }) { return hit }
        let v = try make()
        state.withLock { s in
            if s.entries[key] == nil { s.order.append(key) }
            s.entries[key] = v
            while s.order.count > capacity {
                s.entries[s.order.removeFirst()] = nil
                s.evictions += 1
            }
        }
        return v
    }

    /// How many entries have been dropped to make room, since the memo was made: a caller that
    /// timed work done with the memo's help knows whether that help may be gone.
    public var evictions: Int { state.withLock { $0.evictions } }

    /// How many entries are kept.
    public var count: Int { state.withLock { $0.entries.count } }
}
