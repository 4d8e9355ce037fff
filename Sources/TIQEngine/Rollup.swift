import TIQCore
import TIQStore

/// Rolls series up a membership: each parent gets the weighted aggregate of its kept children.
struct Rollup {
    let snapshot: Snapshot
    let membership: Membership
    /// For each child territory row, its position in the child frame, or -1 when not kept.
    let positionOfChild: [Int]
    /// The parents with at least one kept child, in row order.
    let parents: [Int]
    /// Whether some kept parent has a fractional child weight.
    let approximate: Bool

    /// Prepares a roll-up of the frame rows `childRows` (territory rows of `membership.from`).
    init(snapshot: Snapshot, membership: Membership, childRows: [Int]) {
        self.snapshot = snapshot
        self.membership = membership
        var pos = [Int](repeating: -1, count: snapshot[level: membership.from].count)
        for (i, r) in childRows.enumerated() { pos[r] = i }
        self.positionOfChild = pos
        var parents: [Int] = []
        var approx = false
        for p in 0..<membership.parentCount {
            var kept = false
            for k in membership.range(of: p) where pos[Int(membership.children[k])] >= 0 {
                kept = true
                if membership.weights[k] < 1 - 1e-9 { approx = true }
            }
            if kept { parents.append(p) }
        }
        self.parents = parents
        self.approximate = approx
    }

    /// Sums a series over kept children, weighted by membership (strict: absent if any kept child is absent).
    ///
    /// `na` children add nothing; a parent all of whose children are `na` is `na` itself (it
    /// has no value to sum, which is not a value of 0). Present children's qualifiers combine
    /// (`ObservationStatus.combineQualifiers`) with `approx` for a fractional membership.
    /// Child by child, period by period: each child's series is contiguous, and a status is
    /// looked up for a present cell only when the series records statuses.
    func sum(_ x: Evaluator.NumberReader, periods t: Int, weights: [Double]? = nil) -> SeriesData {
        // Not cancellable: roll-ups of stored columns are memoised and must be whole.
        let n = parents.count
        var out = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .ok, count: n * t)
        var acc = [Double](repeating: 0, count: t)
        var absent = [ObservationStatus?](repeating: nil, count: t)
        var qual = [ObservationStatus](repeating: .ok, count: t)
        var present = [Bool](repeating: false, count: t)
        let qualified = x.hasStatuses
        for (pi, p) in parents.enumerated() {
            for q in 0..<t { acc[q] = 0; absent[q] = nil; qual[q] = .ok; present[q] = false }
            var fractional = false
            for k in membership.range(of: p) {
                let pos = positionOfChild[Int(membership.children[k])]
                guard pos >= 0 else { continue }
                let mw = membership.weights[k]
                if mw < 1 - 1e-9 { fractional = true }
                let w = Double(mw) * (weights?[pos] ?? 1)
                for q in 0..<t {
                    let v = x.value(pos, q)
                    if v == v {
                        acc[q] += w * v
                        present[q] = true
                        if qualified { qual[q] = ObservationStatus.combineQualifiers(qual[q], x.qualifier(pos, q)) }
                        continue
                    }
                    // `na`: the territory did not exist or the cell does not apply; it adds nothing and is not missing.
                    let s = x.get(pos, q).1
                    if s != .notApplicable { absent[q] = ObservationStatus.combineAbsence(absent[q] ?? s, s) }
                }
            }
            for q in 0..<t {
                let k = pi * t + q
                if let a = absent[q] { st[k] = a } else if !present[q] { st[k] = .notApplicable } else {
                    out[k] = acc[q]
                    st[k] = ObservationStatus.combineQualifiers(qual[q], fractional ? .approx : .ok)
                }
            }
        }
        return SeriesData(values: out, periods: t, statuses: st)
    }

    /// The weighted mean over kept children of `x`, with optional attribute weights per child position.
    func mean(_ x: Evaluator.NumberReader, periods t: Int, weights: [Double]?) -> SeriesData {
        let n = parents.count
        var out = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        for (pi, p) in parents.enumerated() {
            for q in 0..<t {
                var acc = 0.0, wsum = 0.0, qual = ObservationStatus.approx
                for k in membership.range(of: p) {
                    let pos = positionOfChild[Int(membership.children[k])]
                    guard pos >= 0 else { continue }
                    let (v, s) = x.get(pos, q)
                    let w = Double(membership.weights[k]) * (weights?[pos] ?? 1)
                    guard !v.isNaN, !w.isNaN else {
                        if v.isNaN && s != .notApplicable { qual = .partial }
                        continue
                    }
                    acc += w * v
                    wsum += w
                    qual = ObservationStatus.combineQualifiers(qual, s)
                }
                if wsum > 0 { out[pi * t + q] = acc / wsum; st[pi * t + q] = qual }
            }
        }
        return SeriesData(values: out, periods: t, statuses: st)
    }

    /// Divides two rolled-up sums cell by cell.
    static func divide(_ a: SeriesData, _ b: SeriesData, rows n: Int, periods t: Int) -> SeriesData {
        var out = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        for i in 0..<n {
            for q in 0..<t {
                let x = a.value(i, q), y = b.value(i, q)
                let k = i * t + q
                if x.isNaN || y.isNaN {
                    st[k] = ObservationStatus.combineAbsence(x.isNaN ? a.status(i, q) : .missing, y.isNaN ? b.status(i, q) : .missing)
                } else if y == 0 {
                    st[k] = .undefined
                } else {
                    out[k] = x / y
                    st[k] = ObservationStatus.combineQualifiers(a.status(i, q), b.status(i, q))
                }
            }
        }
        return SeriesData(values: out, periods: t, statuses: st)
    }

    /// `min`, `max` or `median` over kept children with a positive membership weight, period by
    /// period: present values only (a skipped absent child makes the value `partial`; a parent
    /// whose children are all `na` is `na`). Fractional memberships make it `approx`: a child
    /// split between parents counts whole in each.
    func orderStatistic(_ fn: AggregateFunction, _ x: Evaluator.NumberReader, periods t: Int) -> SeriesData {
        let n = parents.count
        var out = [Double](repeating: .nan, count: n * t)
        var st = [ObservationStatus](repeating: .missing, count: n * t)
        for (pi, p) in parents.enumerated() {
            for q in 0..<t {
                var cells: [(Double, ObservationStatus)] = []
                var skipped: ObservationStatus?, fractional = false
                for k in membership.range(of: p) {
                    let pos = positionOfChild[Int(membership.children[k])]
                    guard pos >= 0 else { continue }
                    let (v, s) = x.get(pos, q)
                    if v.isNaN {
                        if s != .notApplicable { skipped = ObservationStatus.combineAbsence(skipped ?? s, s) }
                        continue
                    }
                    if membership.weights[k] < 1 - 1e-9 { fractional = true }
                    cells.append((v, s))
                }
                let k = pi * t + q
                guard !cells.isEmpty else { st[k] = skipped ?? .notApplicable; continue }
                var (value, status) = Evaluator.orderStatistic(fn, cells)
                if fractional { status = ObservationStatus.combineQualifiers(status, .approx) }
                if skipped != nil { status = .partial }
                out[k] = value
                st[k] = status
            }
        }
        return SeriesData(values: out, periods: t, statuses: st)
    }
}
