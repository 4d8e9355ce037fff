/// Trigram postings of folded names: for each distinct trigram (three scalars, the name padded
/// with a space at both ends), the increasing list of entries containing it.
///
/// Built by counting sort: with many names, trigrams of ASCII letters get dense ids from a
/// 2²¹-slot table kept only during the build; other trigrams (and every trigram of a small
/// set of names) go through a dictionary.
struct TrigramPostings {
    /// Packed trigram → id.
    var ids: [UInt64: UInt32] = [:]
    /// CSR offsets by id, `ids.count + 1`.
    var offsets: [UInt32] = []
    /// Entries by id, increasing within each id.
    var postings: [UInt32] = []
    /// Distinct trigrams per entry.
    var counts: [UInt16] = []

    /// The number of names from which the build uses the dense table.
    static let denseTableFrom = 4096

    init(_ folded: [String]) {
        // The dense table costs an 8 MiB fill: worth it for the 35,000 communes, not for a
        // small dataset (a test fixture, a département), where the dictionary alone is faster.
        let useDense = folded.count >= Self.denseTableFrom
        var dense = useDense ? [UInt32](repeating: .max, count: 1 << 21) : []
        var perEntryStart: [Int] = [0]
        var flat: [UInt32] = []
        perEntryStart.reserveCapacity(folded.count + 1)
        flat.reserveCapacity(folded.count * 16)
        var idCounts: [UInt32] = []
        counts.reserveCapacity(folded.count)
        var grams: [UInt64] = []
        for f in folded {
            Self.trigrams(f, into: &grams)
            counts.append(UInt16(min(grams.count, Int(UInt16.max))))
            for g in grams {
                var id: UInt32
                if useDense && g < 1 << 21 {
                    id = dense[Int(g)]
                    if id == .max { id = UInt32(idCounts.count); dense[Int(g)] = id; ids[g] = id; idCounts.append(0) }
                } else if let known = ids[g] {
                    id = known
                } else {
                    id = UInt32(idCounts.count); ids[g] = id; idCounts.append(0)
                }
                idCounts[Int(id)] += 1
                flat.append(id)
            }
            perEntryStart.append(flat.count)
        }
        offsets = [UInt32](repeating: 0, count: idCounts.count + 1)
        for i in idCounts.indices { offsets[i + 1] = offsets[i] + idCounts[i] }
        var fill = offsets
        postings = [UInt32](repeating: 0, count: flat.count)
        for e in 0..<folded.count {
            for k in perEntryStart[e]..<perEntryStart[e + 1] {
                let id = Int(flat[k])
                postings[Int(fill[id])] = UInt32(e)
                fill[id] += 1
            }
        }
    }

    /// The distinct trigrams of `folded` padded with a space at both ends, packed: three ASCII
    /// scalars in 21 bits (below 2²¹), others as three 21-bit scalars with the top bit set.
    static func trigrams(_ folded: String, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        var x: UInt64 = 32, y: UInt64 = 0, seen = 1
        for u in folded.unicodeScalars {
            let z = UInt64(u.value)
            if seen >= 2 {
                let g = pack(x, y, z)
                if !out.contains(g) { out.append(g) }
                x = y
            }
            y = z
            seen += 1
        }
        if seen >= 2 {
            let g = pack(x, y, 32)
            if !out.contains(g) { out.append(g) }
        } else {
            out.append(pack(32, 32, 32))      // the empty name
        }
    }

    /// Packs three scalars; all-ASCII trigrams fit in 21 bits.
    @inline(__always) static func pack(_ x: UInt64, _ y: UInt64, _ z: UInt64) -> UInt64 {
        if x < 128 && y < 128 && z < 128 { return x << 14 | y << 7 | z }
        return 1 << 63 | x << 42 | y << 21 | z
    }
}
