/// Derives the weighted memberships between every pair of levels from the base cover.
///
/// w(a, b) = pop(communes(a) ∩ communes(b)) / pop(communes(a)), where a commune inside a with
/// weight wa and inside b with weight wb counts for min(wa, wb) of its population — exact
/// whenever one of the two holds the whole commune — scaled down, when a commune is split on
/// both sides, so that its parts in b's level never hold more of it than a does (the weights of
/// a in one level stay a partition). When none of a's communes has a population, communes are
/// counted instead. Every weight and share is Float64.
///
/// A commune split on both sides is approximated (protocol.md, "What is approximated"): the
/// links do not say how its parts overlap, and min(wa, wb) assumes the largest overlap.
///
/// Linear in the cover's size: each child's communes are walked once with a dense scratch
/// accumulator over parents, then the entries are grouped by parent with a counting sort.
struct MembershipDeriver {
    let layout: LevelLayout
    let cover: BaseCover
    /// Population of each base row; NaN when unknown.
    let basePopulation: [Double]
    /// Per level and row: Σ population × weight over its communes with a known population.
    private(set) var populationTotal: [[Double]] = []
    /// Per level and row: whether any of its communes has a known population.
    private(set) var hasPopulation: [[Bool]] = []
    /// The territories whose population sum overflowed (their population is absent).
    private(set) var overflowed: [(level: Int, row: Int)] = []
    /// Per level and row: Σ weight over its communes (the commune count, fractional).
    private(set) var communeTotal: [[Double]] = []
    /// Per level: CSR offsets by row of the (base row, weight) entries of each territory.
    private var forwardOffsets: [[Int]] = []
    private var forwardBase: [[UInt32]] = []
    private var forwardWeight: [[Double]] = []

    init(layout: LevelLayout, cover: BaseCover, basePopulation: [Double]) {
        self.layout = layout
        self.cover = cover
        self.basePopulation = basePopulation
        for l in layout.names.indices {
            let n = layout.count(l)
            var pop = [Double](repeating: 0, count: n)
            var known = [Bool](repeating: false, count: n)
            var cnt = [Double](repeating: 0, count: n)
            var offsets = [Int](repeating: 0, count: n + 1)
            for c in 0..<cover.baseCount {
                let p = basePopulation[c]
                for k in cover.range(l, c) {
                    let a = Int(cover.rows[l][k]), w = cover.weights[l][k]
                    cnt[a] += w
                    offsets[a + 1] += 1
                    if !p.isNaN { pop[a] += p * w; known[a] = true }
                }
            }
            // Finite populations whose weighted sum overflows: no population (and a W413 from
            // the builder), so the territory is weighed by its commune count.
            for a in 0..<n where known[a] && !pop[a].isFinite {
                known[a] = false
                pop[a] = 0
                overflowed.append((level: l, row: a))
            }
            for a in 0..<n { offsets[a + 1] += offsets[a] }
            var fill = offsets
            var base = [UInt32](repeating: 0, count: offsets[n]), weight = [Double](repeating: 0, count: offsets[n])
            for c in 0..<cover.baseCount {
                for k in cover.range(l, c) {
                    let a = Int(cover.rows[l][k])
                    base[fill[a]] = UInt32(c)
                    weight[fill[a]] = cover.weights[l][k]
                    fill[a] += 1
                }
            }
            populationTotal.append(pop)
            hasPopulation.append(known)
            communeTotal.append(cnt)
            forwardOffsets.append(offsets)
            forwardBase.append(base)
            forwardWeight.append(weight)
        }
    }

    /// Whether row `a` of level `l` is weighed by population (else by commune count).
    func weighsByPopulation(_ l: Int, _ a: Int) -> Bool { hasPopulation[l][a] && populationTotal[l][a] > 0 }

    /// How the territories of level `from` overlap those of level `to` (any two levels).
    func overlap(from: Int, to: Int) -> LevelOverlap {
        let nFrom = layout.count(from), nTo = layout.count(to)
        var popOverlap = [Double](repeating: 0, count: nTo), countOverlap = [Double](repeating: 0, count: nTo)
        var raw: [Double] = []
        var touched: [Int] = []
        var result = LevelOverlap(childCount: nFrom)
        let offsets = forwardOffsets[from], bases = forwardBase[from], weights = forwardWeight[from]
        for a in 0..<nFrom {
            var insidePop = 0.0, insideCount = 0.0
            for k in offsets[a]..<offsets[a + 1] {
                let c = Int(bases[k]), wa = weights[k], p = basePopulation[c]
                let entries = cover.range(to, c)
                raw.removeAll(keepingCapacity: true)
                var sum = 0.0
                for j in entries { let m = min(wa, cover.weights[to][j]); raw.append(m); sum += m }
                // The parts of this commune in `to` cannot hold more of it than `a` does.
                let scale = sum > wa ? wa / sum : 1
                for (i, j) in entries.enumerated() {
                    let b = Int(cover.rows[to][j]), ov = raw[i] * scale
                    if countOverlap[b] == 0 && popOverlap[b] == 0 { touched.append(b) }
                    countOverlap[b] += ov
                    if !p.isNaN { popOverlap[b] += p * ov }
                }
                insideCount += sum * scale
                if !p.isNaN { insidePop += p * (sum * scale) }
            }
            let byPopulation = weighsByPopulation(from, a)
            let whole = byPopulation ? populationTotal[from][a] : communeTotal[from][a]
            if whole > 0 { result.share[a] = min(1, (byPopulation ? insidePop : insideCount) / whole) }
            var bestWeight = 0.0
            for b in touched.sorted() {
                let w = whole > 0 ? (byPopulation ? popOverlap[b] : countOverlap[b]) / whole : 0
                if w > 1e-12 {
                    result.append(child: a, parent: b, weight: min(w, 1))
                    if w > bestWeight { bestWeight = w; result.best[a] = UInt32(b) }   // ascending: ties keep the lowest row
                }
                popOverlap[b] = 0
                countOverlap[b] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        return result
    }
}

/// How each territory of one level (the children) overlaps the territories of another (the
/// parents): w(a, b) = pop(communes(a) ∩ communes(b)) / pop(communes(a)).
struct LevelOverlap {
    /// Per entry: the child, the parent and the weight, grouped by child then parent.
    private(set) var entryChild: [UInt32] = []
    private(set) var entryParent: [UInt32] = []
    private(set) var entryWeight: [Double] = []
    /// Per child: the share of it inside some parent (one division, so an exact half is 0.5).
    var share: [Double]
    /// Per child: the parent holding the largest share of it (`.max` for none).
    var best: [UInt32]
    /// Per child: how many parents it overlaps.
    private(set) var count: [Int]

    init(childCount: Int) {
        share = [Double](repeating: 0, count: childCount)
        best = [UInt32](repeating: .max, count: childCount)
        count = [Int](repeating: 0, count: childCount)
    }

    mutating func append(child: Int, parent: Int, weight: Double) {
        entryChild.append(UInt32(child)); entryParent.append(UInt32(parent)); entryWeight.append(weight)
        count[child] += 1
    }

    /// The entries grouped by parent (children stay in increasing order within each parent).
    func membership(from: Int, to: Int, parentCount nTo: Int) -> Membership {
        var exact = Bitset.all(nTo)
        var parentOffsets = [UInt32](repeating: 0, count: nTo + 1)
        for (i, b) in entryParent.enumerated() {
            parentOffsets[Int(b) + 1] += 1
            if entryWeight[i] < 1 - 1e-9 { exact.remove(Int(b)) }
        }
        for i in 0..<nTo { parentOffsets[i + 1] += parentOffsets[i] }
        var fill = parentOffsets
        var children = [UInt32](repeating: 0, count: entryChild.count), grouped = [Double](repeating: 0, count: entryChild.count)
        for i in entryChild.indices {
            let b = Int(entryParent[i])
            children[Int(fill[b])] = entryChild[i]
            grouped[Int(fill[b])] = entryWeight[i]
            fill[b] += 1
        }
        return Membership(from: LevelID(from), to: LevelID(to), parentOffsets: parentOffsets,
                          children: children, weights: grouped, exact: exact)
    }
}
