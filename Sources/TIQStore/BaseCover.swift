/// The base-level territories (communes) inside every territory, with weights, following the
/// links transitively: a commune inside an EPCI with weight 1 that lies in a TI with weight 0.5
/// is inside the TI with weight 0.5 (link weights multiply along a path and add across paths).
///
/// Stored inverted, per level: for each base row, the territories of that level containing
/// it and with what weight — the form every membership and share is computed from.
struct BaseCover {
    /// Per level: CSR offsets over base rows (`baseCount + 1`).
    let offsets: [[Int]]
    /// Per level: the rows containing each base row, grouped by base row.
    let rows: [[UInt32]]
    /// Per level: the weights, parallel to `rows`.
    let weights: [[Double]]
    /// How many base territories.
    let baseCount: Int

    init(_ layout: LevelLayout, _ resolved: ResolvedDataset) {
        let n = layout.level.count
        baseCount = layout.count(layout.base)
        // Children before parents (the links are acyclic once validated).
        var pending = [Int](repeating: 0, count: n)
        var childrenOf = [[(Int, Double)]](repeating: [], count: n)
        for l in resolved.links { pending[l.parent] += 1; childrenOf[l.parent].append((l.child, l.weight)) }
        var parentsOf = [[Int]](repeating: [], count: n)
        for l in resolved.links { parentsOf[l.child].append(l.parent) }
        var ready = (0..<n).filter { pending[$0] == 0 }
        var cover = [[UInt32: Double]](repeating: [:], count: n)
        var done = [Bool](repeating: false, count: n)
        while let t = ready.popLast() {
            done[t] = true
            if layout.level[t] == layout.base {
                cover[t] = [UInt32(layout.row[t]): 1]
            } else {
                var acc: [UInt32: Double] = [:]
                for (child, w) in childrenOf[t] {
                    for (c, cw) in cover[child] { acc[c, default: 0] += cw * w }
                }
                for (c, v) in acc where v > 1 { acc[c] = 1 }      // redundant paths never exceed the whole
                cover[t] = acc
            }
            for p in parentsOf[t] {
                pending[p] -= 1
                if pending[p] == 0 { ready.append(p) }
            }
        }
        // Invert per level.
        var offsets: [[Int]] = [], rows: [[UInt32]] = [], weights: [[Double]] = []
        for l in layout.names.indices {
            var counts = [Int](repeating: 0, count: baseCount + 1)
            for t in layout.records[l] where done[t] { for c in cover[t].keys { counts[Int(c) + 1] += 1 } }
            for i in 0..<baseCount { counts[i + 1] += counts[i] }
            var fill = counts
            var r = [UInt32](repeating: 0, count: counts[baseCount])
            var w = [Double](repeating: 0, count: counts[baseCount])
            for (row, t) in layout.records[l].enumerated() where done[t] {
                for (c, v) in cover[t] {
                    r[fill[Int(c)]] = UInt32(row)
                    w[fill[Int(c)]] = v
                    fill[Int(c)] += 1
                }
            }
            offsets.append(counts); rows.append(r); weights.append(w)
        }
        self.offsets = offsets
        self.rows = rows
        self.weights = weights
    }

    /// The range of level `l`'s entries for base row `c`.
    @inline(__always) func range(_ l: Int, _ c: Int) -> Range<Int> { offsets[l][c]..<offsets[l][c + 1] }

    /// How many base rows lie in some territory of level `l`.
    func coveredBaseCount(_ l: Int) -> Int {
        (0..<baseCount).reduce(0) { $0 + (offsets[l][$1] < offsets[l][$1 + 1] ? 1 : 0) }
    }
}
