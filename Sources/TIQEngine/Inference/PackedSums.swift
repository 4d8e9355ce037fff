import TIQCore

/// The sum-like aggregates of a group statistic (`sum`, `count`, `ratio`), packed so that a
/// draw reads one contiguous run of doubles per row it visits.
///
/// Each (aggregate, axis position) is a slot with one column (its argument) or two (a ratio's
/// numerator and denominator). Row i's columns sit at `values[i * stride ..< i * stride + columns]`,
/// the stride rounded up to 1, 2, 4 or 8 so that a row loads as one SIMD vector; an absent cell
/// holds −0.0, which leaves any sum unchanged bit for bit (s + −0.0 = s, for s = ±0 too), so a
/// draw adds every row it visits without a test. Whether a row is present per slot is kept apart,
/// in `flags`, and only when some cell is absent.
struct PackedSums {
    /// Where a slot sits.
    struct Slot {
        /// The node of `FlatGroupStatistic` and the index into its positions.
        var node: Int, position: Int
        /// Its first column; a ratio's denominator is the next one.
        var column: Int
        var ratio: Bool
    }

    let rows: Int
    var slots: [Slot] = []
    /// Columns used per row, and the distance between rows.
    var columns = 0, stride = 1
    var values: [Double] = []
    /// Per row, per slot: 0 present, 1 absent (not applicable), 2 absent and blocking a strict
    /// sum. Empty when every cell is present.
    var flags: [UInt8] = []

    /// The totals of one draw, per group g: `sums[g * stride + column]`, `present[g * slots + s]`,
    /// `blocked[g * slots + s]` (counts of blocking rows), `size[g]`.
    struct Totals {
        var sums: [Double], present: [Int], blocked: [Int], size: SIMD2<Int> = .zero
    }

    /// Packs the slots of the sum-like nodes, from the per-position arrays already read.
    init(rows: Int, nodes: [FlatGroupStatistic.Node]) {
        self.rows = rows
        for (k, node) in nodes.enumerated() {
            switch node.reduction {
            case .sum, .count, .ratio:
                for j in node.positions.indices {
                    let ratio = !(node.y.isEmpty || node.y[j].isEmpty)
                    slots.append(Slot(node: k, position: j, column: columns, ratio: ratio))
                    columns += ratio ? 2 : 1
                }
            default:
                continue
            }
        }
        stride = columns <= 1 ? 1 : columns <= 2 ? 2 : columns <= 4 ? 4 : columns <= 8 ? 8 : columns
        values = [Double](repeating: -0.0, count: rows * stride)
        var f = [UInt8](repeating: 0, count: rows * slots.count)
        var absent = false
        for (s, slot) in slots.enumerated() {
            let node = nodes[slot.node]
            let x = node.x[slot.position], y = slot.ratio ? node.y[slot.position] : []
            let blocks = node.blocks[slot.position]
            for i in 0..<rows {
                let a = x[i]
                if a == a {
                    values[i * stride + slot.column] = a
                    if slot.ratio { values[i * stride + slot.column + 1] = y[i] }
                } else {
                    f[i * slots.count + s] = blocks[i] ? 2 : 1
                    absent = true
                }
            }
        }
        if absent { flags = f }
    }

    /// Zeroed totals of the right shape.
    func emptyTotals() -> Totals {
        Totals(sums: [Double](repeating: 0, count: 2 * stride), present: [Int](repeating: 0, count: 2 * slots.count),
               blocked: [Int](repeating: 0, count: 2 * slots.count))
    }
}
