/// Derives the weighted memberships between every pair of levels from the base cover.
///
/// w(a, b) = pop(communes(a) ∩ communes(b)) / pop(communes(a)), where a commune inside a with
/// weight wa and inside b with weight wb counts for min(wa, wb) of its population. When none
/// of a's communes has a population, communes are counted instead.
struct MembershipDeriver {
    let layout: LevelLayout
    let cover: BaseCover
    /// Population of each base row; NaN when unknown.
    let basePopulation: [Double]
    /// Per level and row: Σ population × weight over its communes with a known population.
    private(set) var populationTotal: [[Double]] = []
    /// Per level and row: whether any of its communes has a known population.
    private(set) var hasPopulation: [[Bool]] = []
    /// Per level and row: Σ weight over its communes (the commune count, fractional).
    private(set) var communeTotal: [[Double]] = []

    init(layout: LevelLayout, cover: BaseCover, basePopulation: [Double]) {
        self.layout = layout
        self.cover = cover
        self.basePopulation = basePopulation
        for l in layout.names.indices {
            var pop = [Double](repeating: 0, count: layout.count(l))
            var known = [Bool](repeating: false, count: layout.count(l))
            var cnt = [Double](repeating: 0, count: layout.count(l))
            for c in 0..<cover.baseCount {
                let p = basePopulation[c]
                for k in cover.range(l, c) {
                    let a = Int(cover.rows[l][k]), w = cover.weights[l][k]
                    cnt[a] += w
                    if !p.isNaN { pop[a] += p * w; known[a] = true }
                }
            }
            populationTotal.append(pop)
            hasPopulation.append(known)
            communeTotal.append(cnt)
        }
    }

    /// Whether row `a` of level `l` is weighed by population (else by commune count).
    func weighsByPopulation(_ l: Int, _ a: Int) -> Bool { hasPopulation[l][a] && populationTotal[l][a] > 0 }

    /// The membership from level `from` to the coarser level `to`.
    func membership(from: Int, to: Int) -> Membership {
        let nTo = layout.count(to)
        var popOverlap: [Int: Double] = [:], countOverlap: [Int: Double] = [:]
        for c in 0..<cover.baseCount {
            let ra = cover.range(from, c), rb = cover.range(to, c)
            guard !ra.isEmpty, !rb.isEmpty else { continue }
            let p = basePopulation[c]
            for i in ra {
                let a = Int(cover.rows[from][i]), wa = cover.weights[from][i]
                for j in rb {
                    let b = Int(cover.rows[to][j]), ov = min(wa, cover.weights[to][j])
                    let key = a * nTo + b
                    countOverlap[key, default: 0] += ov
                    if !p.isNaN { popOverlap[key, default: 0] += p * ov }
                }
            }
        }
        var entries: [(parent: Int, child: Int, weight: Double)] = []
        entries.reserveCapacity(countOverlap.count)
        for (key, cnt) in countOverlap {
            let a = key / nTo, b = key % nTo
            let w = weighsByPopulation(from, a) ? (popOverlap[key] ?? 0) / populationTotal[from][a]
                                                : cnt / communeTotal[from][a]
            if w > 1e-12 { entries.append((b, a, min(w, 1))) }
        }
        entries.sort { $0.parent != $1.parent ? $0.parent < $1.parent : $0.child < $1.child }
        var offsets = [UInt32](repeating: 0, count: nTo + 1)
        for e in entries { offsets[e.parent + 1] += 1 }
        for i in 0..<nTo { offsets[i + 1] += offsets[i] }
        var exact = Bitset.all(nTo)
        for e in entries where e.weight < 1 - 1e-9 { exact.remove(e.parent) }
        return Membership(from: LevelID(from), to: LevelID(to), parentOffsets: offsets,
                          children: entries.map { UInt32($0.child) }, weights: entries.map { Float($0.weight) }, exact: exact)
    }
}
