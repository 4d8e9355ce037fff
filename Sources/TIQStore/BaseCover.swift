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

    /// One pass over the base territories' cover entries, each appended to its level's arrays:
    /// linear in the cover's size plus one offset per level and base row (not one pass over
    /// every entry per level, which made L levels cost L times the cover).
    init(_ layout: LevelLayout, _ resolved: ResolvedDataset) {
        let cover = resolved.cover
        let baseRecords = layout.records[layout.base]
        baseCount = baseRecords.count
        let levelCount = layout.names.count
        var offsets = [[Int]](repeating: [Int](repeating: 0, count: baseCount + 1), count: levelCount)
        var rows = [[UInt32]](repeating: [], count: levelCount), weights = [[Double]](repeating: [], count: levelCount)
        for (c, record) in baseRecords.enumerated() {
            rows[layout.base].append(UInt32(c)); weights[layout.base].append(1)
            if record + 1 < cover.offsets.count {
                for k in cover.entries(of: record) {
                    let l = layout.level[cover.targets[k]]
                    guard l != layout.base else { continue }
                    rows[l].append(UInt32(layout.row[cover.targets[k]])); weights[l].append(cover.weights[k])
                }
            }
            for l in 0..<levelCount { offsets[l][c + 1] = rows[l].count }
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
