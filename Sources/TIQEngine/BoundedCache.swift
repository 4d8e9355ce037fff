import Synchronization

/// A thread-safe map of at most `capacity` entries with typed keys; the least recently used
/// entry goes first. Counts its hits, misses and evictions.
///
/// The recency order is a doubly linked list threaded through the slots of an array (indices,
/// not references), so a hit moves its entry to the back in O(1) under the lock, whatever the
/// capacity; a slot freed by nothing but eviction is reused at once by the entry that evicted it.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// One entry, linked to its neighbours in recency order (`none` at either end).
    private struct Slot {
        var key: Key
        var value: Value
        var older: Int
        var newer: Int
    }

    private static var none: Int { -1 }

    /// Invariants: `slots` holds every entry once and `index` maps each entry's key to its slot;
    /// following `newer` from `oldest` visits every slot once, ending at `newest`.
    private struct State {
        var index: [Key: Int] = [:]
        var slots: [Slot] = []
        var oldest = BoundedCache.none
        var newest = BoundedCache.none
        var hits = 0, misses = 0, evictions = 0

        /// Takes slot `i` out of the recency list.
        mutating func unlink(_ i: Int) {
            let (older, newer) = (slots[i].older, slots[i].newer)
            if older == BoundedCache.none { oldest = newer } else { slots[older].newer = newer }
            if newer == BoundedCache.none { newest = older } else { slots[newer].older = older }
        }

        /// Puts slot `i` at the most recent end of the recency list.
        mutating func append(_ i: Int) {
            slots[i].older = newest
            slots[i].newer = BoundedCache.none
            if newest == BoundedCache.none { oldest = i } else { slots[newest].newer = i }
            newest = i
        }

        /// Stores `value` under `key` as the most recent entry, evicting the least recent one
        /// when `capacity` entries are held.
        mutating func insert(_ key: Key, _ value: Value, capacity: Int) {
            if let i = index[key] {
                // Another caller computed it meanwhile: keep the newer value, mark it used.
                slots[i].value = value
                unlink(i)
                append(i)
                return
            }
            let slot = Slot(key: key, value: value, older: BoundedCache.none, newer: BoundedCache.none)
            let i: Int
            if slots.count < capacity {
                i = slots.count
                slots.append(slot)
            } else {
                i = oldest
                unlink(i)
                index[slots[i].key] = nil
                evictions += 1
                slots[i] = slot
            }
            index[key] = i
            append(i)
        }

        /// The keys from the least to the most recently used.
        var keysByRecency: [Key] {
            var keys: [Key] = []
            var i = oldest
            while i != BoundedCache.none {
                keys.append(slots[i].key)
                i = slots[i].newer
            }
            return keys
        }
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
            guard let i = s.index[key] else { s.misses += 1; return nil }
            s.hits += 1
            s.unlink(i)
            s.append(i)
            return s.slots[i].value
        }) { return hit }
        let v = try make()
        state.withLock { $0.insert(key, v, capacity: capacity) }
        return v
    }

    /// What the cache holds and has done since it was made.
    var statistics: CacheStatistics {
        state.withLock { CacheStatistics(entries: $0.index.count, capacity: capacity, hits: $0.hits, misses: $0.misses, evictions: $0.evictions) }
    }

    /// The keys held, from the least to the most recently used (the next one evicted first).
    var keysByRecency: [Key] { state.withLock { $0.keysByRecency } }
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
