/// A read-only hash map from byte strings to integers, looked up with a pointer and a length:
/// no `String` is made per look-up (the CSV fast path resolves millions of keys with it).
struct ByteKeyMap {
    private var blob: [UInt8] = []
    private var starts: [Int] = [0]
    private var values: [Int] = []
    /// Open addressing: entry index + 1, 0 for empty.
    private var table: [Int32]
    private let mask: Int

    /// A map of `pairs` (the last value wins for a repeated key).
    init(_ pairs: some Sequence<(key: String, value: Int)>) {
        for (k, v) in pairs {
            blob.append(contentsOf: k.utf8)
            starts.append(blob.count)
            values.append(v)
        }
        var size = 16
        while size < values.count * 2 { size <<= 1 }
        table = [Int32](repeating: 0, count: size)
        mask = size - 1
        for e in values.indices {
            let h = blob.withUnsafeBufferPointer { b in
                Self.hash(UnsafeBufferPointer(rebasing: b[starts[e]..<starts[e + 1]]))
            }
            var slot = h & mask
            while table[slot] != 0 {
                let other = Int(table[slot]) - 1
                if blob[starts[other]..<starts[other + 1]].elementsEqual(blob[starts[e]..<starts[e + 1]]) { break }
                slot = (slot + 1) & mask
            }
            table[slot] = Int32(e + 1)
        }
    }

    /// The value of the key spelled by `key`, or nil.
    func value(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Self.hash(key) & mask
        return blob.withUnsafeBufferPointer { b -> Int? in
            while true {
                let e = Int(table[slot]) - 1
                if e < 0 { return nil }
                let s = starts[e], n = starts[e + 1] - s
                if n == key.count, let kb = key.baseAddress, let bb = b.baseAddress, memcmpBytes(kb, bb + s, n) {
                    return values[e]
                }
                if n == 0, key.count == 0 { return values[e] }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}

/// Whether the `n` bytes at `a` and `b` are equal.
@inline(__always)
func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
