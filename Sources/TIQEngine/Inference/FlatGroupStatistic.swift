import TIQCore
import TIQStore

/// The group statistic of `compare`/`did` (`growth(sum(x), a, b)`, `mean(g)`, `quantile(g, 0.5)`, …)
/// taken apart so that each of thousands of resampled draws costs one pass over flat arrays.
///
/// The sums (`sum`, `count`, `ratio`) are packed per row (`PackedSums`): a bootstrap draw adds
/// the rows it picks straight from the generator, a permutation draw adds every row in order
/// with its label; neither builds rows or labels unless a mean or an order statistic needs them.
///
/// Every aggregate inside the statistic reads its arguments once per kept territory, at the axis
/// positions the statistic uses, into flat `[Double]` arrays (NaN for absent, with whether the
/// absence counts). A draw — rows of the kept frame with their group labels; rows may repeat —
/// accumulates each aggregate per group from those arrays in row order, as the evaluator's
/// aggregate kernels do, so that a draw's value is bit for bit the one the evaluator gives on the
/// resampled frame. What lies above the aggregates (`growth(…)`, arithmetic) is evaluated by the
/// evaluator once per batch of draws, over a frame of two rows (treated, control) per draw.
struct FlatGroupStatistic: DrawBatch {
    /// How an aggregate reduces the values of a group's rows.
    enum Reduction {
        /// `count()`: the number of rows.
        case rows
        /// `sum(x)`, `count(x)`, `ratio(x, y)`; `skip` is `missing = skip`.
        case sum(skip: Bool), count, ratio(skip: Bool)
        /// `mean(x)` or `mean(x, weight = w)`.
        case mean
        /// `median`, `min`, `max`.
        case order(AggregateFunction)
        /// `sd`, `quantile`, `corr`, …, with its parameter.
        case statistic(StatisticFunction, Double)
    }

    /// One aggregate of the statistic, read per territory.
    struct Node {
        var reduction: Reduction
        /// Its column in the batch frame.
        var name: String
        var type: ExprType
        /// Whether its value is a series (width = the axis length) or a number.
        var series: Bool
        /// The axis positions computed (`[0]` for a number); the others stay absent.
        var positions: [Int]
        /// Per position, per kept row: the first argument (NaN when the row does not count).
        var x: [[Double]]
        /// Per position, per kept row: the second argument or the weight; empty when none.
        var y: [[Double]]
        /// Per position, per kept row: whether an absence makes a strict sum absent.
        var blocks: [[Bool]]
    }

    let evaluator: Evaluator
    /// The frame of the kept territories (for the axis and window).
    let kept: Frame
    var nodes: [Node] = []
    /// The statistic's expressions with their aggregates replaced by the nodes' columns.
    var expressions: [TypedExpr] = []
    /// The draw's value from the values of the expressions for group 0 and group 1.
    let combine: ([Double], [Double]) -> Double
    /// The values recorded since the last flush: per node, two rows (groups 0, 1) per draw.
    var recorded: [[Double]] = []
    /// The draws recorded since the last flush.
    var draws = 0
    /// Scratch buffers of the order statistics.
    var gathered: [[Double]] = [[], []], gatheredY: [[Double]] = [[], []]
    /// The sum-like nodes packed per row, and the totals of the current draw.
    var packed = PackedSums(rows: 0, nodes: [])
    var totals = PackedSums.Totals(sums: [], present: [], blocked: [])
    /// The nodes drawn from rows and labels (means, order and descriptive statistics).
    var ordered: [Int] = []
    /// Scratch rows and labels of the draws that need them.
    var scratchRows: [Int] = [], splitLabels: [Int] = [], splitTreated = 0, identity: [Int] = [], scratchLabels: [Int] = []

    /// Builds the kernel, or nil when the statistic holds something it cannot take apart (the
    /// caller then evaluates every draw with the evaluator).
    init?(evaluator: Evaluator, kept: Frame, expressions: [TypedExpr], combine: @escaping ([Double], [Double]) -> Double) throws(QueryFailure) {
        self.evaluator = evaluator
        self.kept = kept
        self.combine = combine
        for e in expressions {
            guard let r = try rewrite(e, need: nil) else { return nil }
            self.expressions.append(r)
        }
        recorded = nodes.map { _ in [] }
        packed = PackedSums(rows: kept.count, nodes: nodes)
        totals = packed.emptyTotals()
        ordered = nodes.indices.filter { k in
            switch nodes[k].reduction {
            case .mean, .order, .statistic: return true
            case .rows, .sum, .count, .ratio: return false
            }
        }
    }

    /// `e` with each aggregate replaced by a node's column; `need` lists the axis positions the
    /// parent reads of a series (nil: all of them).
    private mutating func rewrite(_ e: TypedExpr, need: [Int]?) throws(QueryFailure) -> TypedExpr? {
        var out = e
        let axis = kept.axis
        switch e.kind {
        case .number, .text, .bool:
            return e
        case .aggregate, .statistic:
            return try node(e, need: need)
        case .unary(let op, let a):
            guard let a = try rewrite(a, need: nil) else { return nil }
            out.kind = .unary(op, a)
        case .binary(let op, let a, let b):
            guard let a = try rewrite(a, need: nil), let b = try rewrite(b, need: nil) else { return nil }
            out.kind = .binary(op, a, b)
        case .at(let a, let p):
            guard let a = try rewrite(a, need: axis?.index(of: p).map { [$0] } ?? []) else { return nil }
            out.kind = .at(a, p)
        case .series(let fn, let args, let periods):
            // These read their argument at their two periods only.
            let twoPoint = [SeriesFunction.growth, .cagr, .change].contains(fn) && args.count == 1
            let reads = twoPoint ? periods.compactMap { axis?.index(of: $0) } : nil
            var rewritten: [TypedExpr] = []
            for a in args {
                guard let r = try rewrite(a, need: reads) else { return nil }
                rewritten.append(r)
            }
            out.kind = .series(fn, rewritten, periods: periods)
        case .math(let fn, let args, let digits):
            var rewritten: [TypedExpr] = []
            for a in args {
                guard let r = try rewrite(a, need: nil) else { return nil }
                rewritten.append(r)
            }
            out.kind = .math(fn, rewritten, digits: digits)
        default:
            // Row-level reads, windows, categories, parent reads: evaluated the slow way.
            return nil
        }
        return out
    }

    /// Reads the arguments of one aggregate per kept row and returns the column that stands for it.
    private mutating func node(_ e: TypedExpr, need: [Int]?) throws(QueryFailure) -> TypedExpr? {
        let t = kept.periods
        let n = kept.count
        var args: [TypedExpr], weight: TypedExpr? = nil
        let reduction: Reduction
        switch e.kind {
        case .aggregate(let fn, let a, let w, let skip):
            args = a
            weight = w
            switch fn {
            case .count where a.isEmpty: reduction = .rows
            case .sum: reduction = .sum(skip: skip)
            case .count: reduction = .count
            case .ratio: reduction = .ratio(skip: skip)
            case .mean: reduction = .mean
            case .median, .min, .max: reduction = .order(fn)
            }
        case .statistic(let fn, let a, let p):
            args = a
            reduction = .statistic(fn, p)
        default:
            return nil
        }
        guard !args.contains(where: \.containsAggregate), !(weight?.containsAggregate ?? false) else { return nil }
        var vs: [Vector] = []
        for a in args { vs.append(try evaluator.eval(a, kept)) }
        let w = try weight.map { w throws(QueryFailure) in try evaluator.eval(w, kept) }
        // As the evaluator: the arguments (not the weight) decide whether the value is a series.
        let series = vs.contains { v in
            switch v { case .series, .boolSeries: return true; default: return false }
        }
        let positions = series ? (need ?? Array(0..<t)) : [0]
        var x: [[Double]] = [], y: [[Double]] = [], blocks: [[Bool]] = []
        let r = vs.map { Evaluator.NumberReader(vector: $0) }
        for p in positions {
            var xp = [Double](repeating: .nan, count: n), yp: [Double] = [], bp: [Bool] = []
            switch reduction {
            case .rows:
                break
            case .sum, .count, .ratio:
                let second = vs.count > 1 ? r[1] : nil
                if second != nil { yp = [Double](repeating: .nan, count: n) }
                bp = [Bool](repeating: false, count: n)
                for i in 0..<n {
                    // As `Evaluator.aggregate`, by the same rule.
                    let s = r[0].summand(i, p, with: second)
                    if s.present { xp[i] = s.a; if second != nil { yp[i] = s.b } } else { bp[i] = s.blocks }
                }
            case .mean:
                let wr = w.map { Evaluator.NumberReader(vector: $0) }
                if wr != nil { yp = [Double](repeating: .nan, count: n) }
                for i in 0..<n {
                    let a = r[0].value(i, p), wt = wr?.value(i, p) ?? 1
                    guard !a.isNaN, !wt.isNaN else { continue }
                    xp[i] = a
                    if wr != nil { yp[i] = wt }
                }
            case .order:
                for i in 0..<n { xp[i] = r[0].value(i, p) }
            case .statistic:
                let bools = vs.allSatisfy { v in
                    switch v { case .bools, .boolSeries: return true; default: return false }
                }
                if bools {
                    let br = Evaluator.BoolReader(vector: vs[0])
                    for i in 0..<n { let b = br.get(i, p); if b != 2 { xp[i] = Double(b) } }
                } else {
                    if r.count > 1 { yp = [Double](repeating: .nan, count: n) }
                    for i in 0..<n {
                        let a = r[0].value(i, p)
                        guard !a.isNaN else { continue }
                        if r.count > 1 {
                            let b = r[1].value(i, p)
                            guard !b.isNaN else { continue }
                            yp[i] = b
                        }
                        xp[i] = a
                    }
                }
            }
            x.append(xp); y.append(yp); blocks.append(bp)
        }
        let name = "\u{1}aggregate \(nodes.count)"
        nodes.append(Node(reduction: reduction, name: name, type: e.type, series: series, positions: positions, x: x, y: y, blocks: blocks))
        return TypedExpr(kind: .column(name), type: e.type, span: e.span)
    }
}
