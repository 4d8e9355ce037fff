/// The base-level territories (communes) inside every territory, with weights: the base
/// territories' rows of `LinkCover` (one partition per level, direct links winning over paths;
/// see protocol.md, "links.csv").
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
        let cover = resolved.cover
        let baseRecords = layout.records[layout.base]
        baseCount = baseRecords.count
        var offsets: [[Int]] = [], rows: [[UInt32]] = [], weights: [[Double]] = []
        for l in layout.names.indices {
            var counts = [Int](repeating: 0, count: baseCount + 1)
            var r: [UInt32] = [], w: [Double] = []
            for (c, record) in baseRecords.enumerated() {
                if l == layout.base {
                    r.append(UInt32(c)); w.append(1)
                } else if record + 1 < cover.offsets.count {
                    for k in cover.entries(of: record) where layout.level[cover.targets[k]] == l {
                        r.append(UInt32(layout.row[cover.targets[k]])); w.append(cover.weights[k])
                    }
                }
                counts[c + 1] = r.count
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
