import TIQCore
import TIQLanguage
import TIQStore

/// The rows of each group while an aggregate is evaluated: which group each row belongs to.
struct GroupContext: Sendable {
    /// The frame of the rows being grouped.
    var rowFrame: Frame
    /// Group index per row of `rowFrame`.
    var groupOf: [Int]
    /// How many groups.
    var groupCount: Int
}

/// Evaluates typed expressions over a frame, column-wise.
struct Evaluator {
    let snapshot: Snapshot
    /// The cache of the engine evaluating (roll-ups read by `x of level`, `published`, `parts`).
    let cache: EngineCache

    /// Throws `QueryFailure.cancelled` when the surrounding task was cancelled, and E403 when
    /// the process is above the memory budget bound to it (`MemoryBudget.current`): every long
    /// loop calls this, so both hold while the work grows.
    func checkCancellation() throws(QueryFailure) {
        if Task.isCancelled { throw QueryFailure.cancelled }
        if let (resident, budget) = MemoryBudget.currentOverrun() { throw QueryFailure.memoryBudget(resident: resident, budget: budget) }
    }

    // MARK: - Readers

    /// Reads a number vector cell by cell, broadcasting scalars across periods.
    struct NumberReader {
        let vector: Vector
        @inline(__always) func get(_ i: Int, _ t: Int) -> (Double, ObservationStatus) {
            switch vector {
            case .numbers(let v, let s):
                let x = v[i]
                return (x, s?[i] ?? (x.isNaN ? .missing : .ok))
            case .series(let d):
                guard let c = d.cell(i, t) else { return (.nan, .missing) }
                let x = d.values[c]
                return (x, d.statuses.status(cell: c, value: x))
            default:
                return (.nan, .missing)
            }
        }
        var isSeries: Bool { if case .series = vector { return true } else { return false } }

        /// Whether some present cell may carry a qualifier (`estimated`, `imputed`, …): false
        /// when no status is recorded at all, so that kernels skip the look-ups.
        var hasStatuses: Bool {
            switch vector {
            case .numbers(_, let s): return s != nil
            case .series(let d): return !d.statuses.isNone
            default: return false
            }
        }

        /// The status of a cell known to be present (`ok` when none is recorded).
        @inline(__always) func qualifier(_ i: Int, _ t: Int) -> ObservationStatus {
            hasStatuses ? get(i, t).1 : .ok
        }

        /// The value alone, NaN for absent: the fast path for kernels that need a status only
        /// for absent cells.
        @inline(__always) func value(_ i: Int, _ t: Int) -> Double {
            switch vector {
            case .numbers(let v, _): return v[i]
            case .series(let d): return d.value(i, t)
            default: return .nan
            }
        }
    }

    /// Reads a boolean vector cell by cell: 0 false, 1 true, 2 absent.
    struct BoolReader {
        let vector: Vector
        @inline(__always) func get(_ i: Int, _ t: Int) -> UInt8 {
            switch vector {
            case .bools(let b): return b[i]
            case .boolSeries(let b, let n): return b[i * n + t]
            default: return 2
            }
        }
        var isSeries: Bool { if case .boolSeries = vector { return true } else { return false } }
    }

    // MARK: - Expressions

    func eval(_ e: TypedExpr, _ f: Frame, group: GroupContext? = nil) throws(QueryFailure) -> Vector {
        let n = f.count
        switch e.kind {
        case .number(let v):
            return .numbers([Double](repeating: v, count: n), nil)
        case .text(let s):
            return .texts([String?](repeating: s, count: n))
        case .bool(let b):
            return .bools([UInt8](repeating: b ? 1 : 0, count: n))
        case .code:
            guard let l = f.level else { return .texts([String?](repeating: nil, count: n)) }
            let table = snapshot[level: l]
            return .texts(f.rows.map { table.codes[$0] })
        case .name:
            guard let l = f.level else { return .texts([String?](repeating: nil, count: n)) }
            let table = snapshot[level: l]
            return .texts(f.rows.map { table.names[$0] })
        case .attribute(let ref):
            return attribute(ref, f)
        case .territoryIn(let ref, let set, let negated):
            guard case .territory(_, let parents)? = snapshot[level: ref.level].attribute(ref.name)?.column else {
                return .bools([UInt8](repeating: 2, count: n))
            }
            return .bools(f.rows.map { r in
                let p = parents[r]
                if p == .max { return negated ? 1 : 0 }
                return (set.contains(Int(p)) != negated) ? 1 : 0
            })
        case .column(let name):
            guard let c = f.column(name) else {
                throw QueryFailure(kind: .execution, diagnostics: [.error(.internalError, "internal: column `\(name)` vanished", at: e.span)])
            }
            return c.data
        case .unary(let op, let inner):
            let v = try eval(inner, f, group: group)
            return try unary(op, v, f)
        case .binary(let op, let a, let b):
            let va = try eval(a, f, group: group), vb = try eval(b, f, group: group)
            return try binary(op, va, vb, f)
        case .at(let inner, let p):
            let v = try eval(inner, f, group: group)
            return try at(v, p, f)
        case .slice(let inner, let a, let b):
            let v = try eval(inner, f, group: group)
            return try slice(v, a, b, f)
        case .inList(let inner, let items):
            let v = try eval(inner, f, group: group)
            var result = [UInt8](repeating: 0, count: n * max(1, (inner.type.shape == .series ? f.periods : 1)))
            for item in items {
                let iv = try eval(item, f, group: group)
                let eq = try binary(.equal, v, iv, f)
                switch eq {
                case .bools(let b), .boolSeries(let b, _):
                    for k in result.indices {
                        if b[k] == 1 { result[k] = 1 } else if b[k] == 2 && result[k] == 0 { result[k] = 2 }
                    }
                default: break
                }
            }
            if case .series = v { return .boolSeries(result, periods: f.periods) }
            return .bools(result)
        case .fuzzy(let inner, let pattern):
            guard case .texts(let t) = try eval(inner, f, group: group) else { return .bools([UInt8](repeating: 2, count: n)) }
            // One row can cost a trigram set of a 2,000-character pattern: check for
            // cancellation (and so the time limit) every few rows.
            var matches: [UInt8] = []
            matches.reserveCapacity(t.count)
            let probe = FuzzyMatchProbe.rows
            for (i, s) in t.enumerated() {
                if i & 15 == 0 { try checkCancellation() }
                probe?.increment()
                matches.append(s.map { fuzzyMatch(TextFolding.fold($0), pattern) ? 1 : 0 } ?? 2)
            }
            return .bools(matches)
        case .series(let fn, let args, let periods):
            var vs: [Vector] = []
            for a in args { vs.append(try eval(a, f, group: group)) }
            return try seriesFunction(fn, vs, periods: periods, f)
        case .aggregate(let fn, let args, let weight, let skip):
            guard let group else {
                throw QueryFailure(kind: .execution, diagnostics: [.error(.misplacedAggregate, "an aggregate outside a grouping stage", at: e.span)])
            }
            try checkCancellation()
            var vs: [Vector] = []
            for a in args { vs.append(try eval(a, group.rowFrame)) }
            let w = try weight.map { w throws(QueryFailure) in try eval(w, group.rowFrame) }
            return try aggregate(fn, vs, weight: w, skipMissing: skip, group: group, periods: f.periods)
        case .window(let fn, let inner):
            let v = try eval(inner, f, group: group)
            return try window(fn, v, f)
        case .levelSource(let fn, let id):
            return levelSource(fn, id, f)
        case .membershipAt(let level, let group, let share, let p):
            return membershipAt(level: level, group: group, share: share, p, f)
        case .math, .statistic, .cut, .caseWhen, .parent:
            return try evalDescriptive(e, f, group: group)
        }
    }

    /// Whether every word of `pattern` occurs in `folded`, or the two are similar as trigram sets.
    func fuzzyMatch(_ folded: String, _ pattern: String) -> Bool {
        let words = pattern.split(separator: " ")
        if !words.isEmpty && words.allSatisfy({ folded.contains($0) }) { return true }
        return EditDistance.trigramSimilarity(folded, pattern) >= 0.5
    }

    func attribute(_ ref: AttributeRef, _ f: Frame) -> Vector {
        let n = f.count
        guard let attr = snapshot[level: ref.level].attribute(ref.name) else { return .texts([String?](repeating: nil, count: n)) }
        switch attr.column {
        case .text(let codes, let values):
            return .texts(f.rows.map { codes[$0] == .max ? nil : values[Int(codes[$0])] })
        case .number(let v):
            return .numbers(f.rows.map { v[$0] }, nil)
        case .flag(let b):
            return .bools(f.rows.map { b.contains($0) ? 1 : 0 })
        case .territory(let level, let parents):
            let labels = ref.readsCode ? snapshot[level: level].codes : snapshot[level: level].names
            return .texts(f.rows.map { parents[$0] == .max ? nil : labels[Int(parents[$0])] })
        }
    }
}
