import TIQCore
import TIQStore

/// The shift-share decomposition of each territory's change of a broken-down indicator between
/// a base period 0 and an end period 1 (issue 16; formulas in docs/tql.md, "Shift-share"):
///
///     national_r = Σ_s e_rs0 · G
///     mix_r      = Σ_s e_rs0 · (G_s − G)
///     local_r    = Σ_s (e_rs1 − e_rs0 · (1 + G_s))
///
/// with G = E1/E0 − 1 the national growth and G_s = E_s1/E_s0 − 1 that of sector s (G where
/// E_s0 = 0), E summing every territory of the stored level. By construction
/// national + mix + local = Σ_s (e_rs1 − e_rs0) = change, whatever G and G_s are.
struct ShiftShare {
    /// One territory's decomposition; the numbers are NaN when `status` is an absence.
    struct Effects: Equatable {
        var change = Double.nan, national = Double.nan, mix = Double.nan, local = Double.nan
        var status = ObservationStatus.ok
    }

    /// The decomposition for every territory of the breakdown's level, or of `membership.to`
    /// (weighted sums of the children, strict: a child absent makes its parent absent).
    ///
    /// - Parameters:
    ///   - base, end: positions on `b.axis`.
    ///   - depth: the NAF depth of the sectors (0 = section …), nil for the stored codes.
    ///   - keep: the sector selection.
    static func decompose(_ b: BreakdownColumn, rows: Int, base: Int, end: Int, depth: Int?, keep: (String) -> Bool,
                          membership: Membership? = nil) -> [Effects] {
        var groupOf: [Int?] = []
        var groups: [String: Int] = [:]
        for code in b.codes {
            guard keep(code) else { groupOf.append(nil); continue }
            let g = depth.flatMap { NAFCode.ancestor(of: code, depth: $0) } ?? code
            if groups[g] == nil { groups[g] = groups.count }
            groupOf.append(groups[g])
        }
        let n = groups.count, t = b.axis.count
        var e = [[Double]](repeating: [Double](repeating: 0, count: rows * n), count: 2)
        var absent = [ObservationStatus?](repeating: nil, count: rows)
        for (c, g) in groupOf.enumerated() {
            guard let g else { continue }
            for k in b.range(of: c) {
                let cell = Int(b.cells[k]), row = cell / t, q = cell % t
                guard q == base || q == end else { continue }
                let v = b.values[k]
                if v == v { e[q == base ? 0 : 1][row * n + g] += v; continue }
                let s = b.status.status(of: k) ?? .missing
                if s != .notApplicable { absent[row] = absent[row].map { ObservationStatus.combineAbsence($0, s) } ?? s }
            }
        }
        for row in 0..<rows where absent[row] == nil && !(b.covered.contains(row * t + base) && b.covered.contains(row * t + end)) {
            absent[row] = .missing
        }
        // National growth, overall and by sector, from every present value of the level.
        var national = [[Double]](repeating: [Double](repeating: 0, count: n), count: 2)
        for k in 0..<2 { for row in 0..<rows { for g in 0..<n { national[k][g] += e[k][row * n + g] } } }
        let total0 = national[0].reduce(0, +), total1 = national[1].reduce(0, +)
        let growth = total0 != 0 ? total1 / total0 - 1 : 0
        let sectorGrowth = (0..<n).map { g in national[0][g] != 0 ? national[1][g] / national[0][g] - 1 : growth }
        var (values, status, count) = (e, absent, rows)
        if let m = membership { (values, status, count) = rollUp(e, absent, n: n, membership: m) }
        return (0..<count).map { r in
            if let s = status[r] { return Effects(status: s) }
            var out = Effects(change: 0, national: 0, mix: 0, local: 0)
            for g in 0..<n {
                let x0 = values[0][r * n + g], x1 = values[1][r * n + g]
                out.change += x1 - x0
                out.national += x0 * growth
                out.mix += x0 * (sectorGrowth[g] - growth)
                out.local += x1 - x0 * (1 + sectorGrowth[g])
            }
            return out
        }
    }

    /// Sector values of the parents: weighted sums of their children, absent when a child is.
    private static func rollUp(_ e: [[Double]], _ absent: [ObservationStatus?], n: Int,
                               membership m: Membership) -> ([[Double]], [ObservationStatus?], Int) {
        var values = [[Double]](repeating: [Double](repeating: 0, count: m.parentCount * n), count: 2)
        var status = [ObservationStatus?](repeating: nil, count: m.parentCount)
        for p in 0..<m.parentCount {
            if m.range(of: p).isEmpty { status[p] = .notApplicable }
            for k in m.range(of: p) {
                let c = Int(m.children[k]), w = m.weights[k]
                if let s = absent[c] { status[p] = status[p].map { ObservationStatus.combineAbsence($0, s) } ?? s; continue }
                for q in 0..<2 { for g in 0..<n { values[q][p * n + g] += w * e[q][c * n + g] } }
            }
        }
        return (values, status, m.parentCount)
    }
}
