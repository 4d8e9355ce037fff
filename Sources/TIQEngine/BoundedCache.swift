import Synchronization

/// A thread-safe map of at most `capacity` entries with typed keys; the least recently used
/// entry goes first. Counts its hits, misses and evictions.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// Invariant: `order` lists every key of `entries` once, least recently used first.
    private struct State {
        var entries: [Key: Value] = [:]
        var order: [Key] = []
        var hits = 0, misses = 0, evictions = 0
    }

    private let state = Mutex(State())
    /// The most entries kept.
    let capacity: Int

    /// Creates a cache keeping at most `capacity` entries (at least one).
    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// The value stored under `key`, computing and storing it with `make` when absent. `make`
    /// runs outside the lock, so two callers may compute the same value once each; a value
    /// `make` fails to produce is not stored.
    func value<E: Error>(_ key: Key, make: () throws(E) -> Value) throws(E) -> Value {
        if let hit = state.withLock({ s -> Value? in
            guard let v = s.entries[key] else { s.misses += 1; return nil }
            s.hits += 1
            if let i = s.order.firstIndex(of: key) { s.order.remove(at: i); s.order.append(key) }
            return v
        }) { return hit }
        let v = try make()
        state.withLock { s in
            if s.entries.updateValue(v, forKey: key) == nil { s.order.append(key) }
            while s.order.count > capacity {
                s.entries[s.order.removeFirst()] = nil
                s.evictions += 1
            }
        }
        return v
    }

    /// What the cache holds and has done since it was made.
    var statistics: CacheStatistics {
        state.withLock { CacheStatistics(entries: $0.entries.count, capacity: capacity, hits: $0.hits, misses: $0.misses, evictions: $0.evictions) }
    }
}

/// The counters of one cache: how full it is, and how often it answered, missed and dropped.
public struct CacheStatistics: Sendable, Equatable {
    /// The entries kept now.
    public let entries: Int
    /// The most entries kept.
    public let capacity: Int
    /// Lookups answered from the cache.
    public let hits: Int
    /// Lookups that had to compute their value.
    public let misses: Int
    /// Entries dropped to make room, since the cache was made.
    public let evictions: Int
}
