/// Derives the weighted memberships between every pair of levels from the base cover.
///
/// w(a, b) = pop(communes(a) ∩ communes(b)) / pop(communes(a)), where a commune inside a with
/// weight wa and inside b with weight wb counts for min(wa, wb) of its population. When none
/// of a's communes has a population, communes are counted instead.
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

    /// The membership from level `from` to the coarser level `to`.
    func membership(from: Int, to: Int) -> Membership {
        let nFrom = layout.count(from), nTo = layout.count(to)
        var popOverlap = [Double](repeating: 0, count: nTo), countOverlap = [Double](repeating: 0, count: nTo)
        var touched: [Int] = []
        var entryParent: [UInt32] = [], entryChild: [UInt32] = [], entryWeight: [Float] = []
        var exact = Bitset.all(nTo)
        let offsets = forwardOffsets[from], bases = forwardBase[from], weights = forwardWeight[from]
        for a in 0..<nFrom {
            for k in offsets[a]..<offsets[a + 1] {
                let c = Int(bases[k]), wa = weights[k], p = basePopulation[c]
                for j in cover.range(to, c) {
                    let b = Int(cover.rows[to][j]), ov = min(wa, cover.weights[to][j])
                    if countOverlap[b] == 0 { touched.append(b) }
                    countOverlap[b] += ov
                    if !p.isNaN { popOverlap[b] += p * ov }
                }
            }
            let byPopulation = weighsByPopulation(from, a)
            for b in touched {
                let w = byPopulation ? popOverlap[b] / populationTotal[from][a] : countOverlap[b] / communeTotal[from][a]
                if w > 1e-12 && w < 1 - 1e-9 { exact.remove(b) }
                if w > 1e-12 {
                    entryParent.append(UInt32(b)); entryChild.append(UInt32(a)); entryWeight.append(Float(min(w, 1)))
                }
                popOverlap[b] = 0
                countOverlap[b] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        // Group by parent; children stay in increasing order within each parent.
        var parentOffsets = [UInt32](repeating: 0, count: nTo + 1)
        for b in entryParent { parentOffsets[Int(b) + 1] += 1 }
        for i in 0..<nTo { parentOffsets[i + 1] += parentOffsets[i] }
        var fill = parentOffsets
        var children = [UInt32](repeating: 0, count: entryChild.count), grouped = [Float](repeating: 0, count: entryChild.count)
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
