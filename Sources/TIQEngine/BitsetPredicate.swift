import TIQCore
import TIQLanguage
import TIQStore

/// Compiles a `where` predicate that reads only territory attributes into bitset algebra over
/// the rows of a level: flags are the stored bitsets, comparisons scan dictionary codes once,
/// and `and`/`or`/`not` are word-wise operations (docs/tql.md, "What queries mean").
///
/// Three-valued logic is kept with a second bitset of rows whose value is unknown.
struct BitsetPredicate {
    let snapshot: Snapshot
    let level: LevelID

    /// The rows where the predicate is true and where it is unknown, or nil when the predicate
    /// reads something other than attributes (series, derived columns).
    func evaluate(_ e: TypedExpr) -> (isTrue: Bitset, unknown: Bitset)? {
        let n = snapshot[level: level].count
        let none = Bitset(count: n)
        switch e.kind {
        case .bool(let b):
            return (b ? .all(n) : none, none)
        case .attribute(let ref):
            guard ref.level == level, case .flag(let bits)? = snapshot[level: level].attribute(ref.name)?.column else { return nil }
            return (bits, none)
        case .territoryIn(let ref, let set, let negated):
            guard ref.level == level, case .territory(_, let parents)? = snapshot[level: level].attribute(ref.name)?.column else { return nil }
            var hit = Bitset(count: n)
            for r in 0..<n where parents[r] != .max && set.contains(Int(parents[r])) { hit.insert(r) }
            return (negated ? hit.complement : hit, none)
        case .unary(.not, let inner):
            guard let r = evaluate(inner) else { return nil }
            return (r.isTrue.union(r.unknown).complement, r.unknown)
        case .binary(let op, let a, let b) where op.isLogical:
            guard let ra = evaluate(a), let rb = evaluate(b) else { return nil }
            let (ta, ua, tb, ub) = (ra.isTrue, ra.unknown, rb.isTrue, rb.unknown)
            if op == .and {
                let fa = ta.union(ua).complement, fb = tb.union(ub).complement
                let t = ta.intersection(tb)
                return (t, t.union(fa).union(fb).complement)
            }
            let t = ta.union(tb)
            let f = ta.union(ua).complement.intersection(tb.union(ub).complement)
            return (t, t.union(f).complement)
        case .binary(let op, let a, let b) where op == .equal || op == .notEqual:
            guard case .text(let s) = b.kind else { return nil }
            switch a.kind {
            case .code: return rows(codes: [s], negated: op == .notEqual)
            case .name: return rows(named: s, negated: op == .notEqual)
            case .attribute(let ref) where ref.level == level: return textEquals(ref, [s], negated: op == .notEqual)
            default: return nil
            }
        case .inList(let a, let items):
            var values: [String] = []
            for i in items { guard case .text(let s) = i.kind else { return nil }; values.append(s) }
            switch a.kind {
            case .code: return rows(codes: values, negated: false)
            case .attribute(let ref) where ref.level == level: return textEquals(ref, values, negated: false)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Rows with one of these codes: a dictionary look-up, no scan.
    func rows(codes: [String], negated: Bool) -> (isTrue: Bitset, unknown: Bitset) {
        let table = snapshot[level: level]
        var t = Bitset(count: table.count)
        for c in codes { if let r = table.rowByCode[c] { t.insert(Int(r)) } }
        return (negated ? t.complement : t, Bitset(count: table.count))
    }

    /// Rows whose name equals `name` after folding, through the name index's exact keys.
    func rows(named name: String, negated: Bool) -> (isTrue: Bitset, unknown: Bitset) {
        let table = snapshot[level: level]
        let folded = TextFolding.fold(name)
        var t = Bitset(count: table.count)
        for m in snapshot.names.search(name, level: level, limit: 64) where m.level == level && TextFolding.fold(table.names[m.row]) == folded {
            t.insert(m.row)
        }
        return (negated ? t.complement : t, Bitset(count: table.count))
    }

    /// Rows whose text attribute equals one of `values` (after folding), by dictionary code.
    func textEquals(_ ref: AttributeRef, _ values: [String], negated: Bool) -> (isTrue: Bitset, unknown: Bitset)? {
        guard case .text(let codes, let dict)? = snapshot[level: level].attribute(ref.name)?.column else { return nil }
        let wanted = Set(values.map { TextFolding.fold($0) })
        let hits = Set(dict.indices.filter { wanted.contains(TextFolding.fold(dict[$0])) }.map { UInt32($0) })
        let n = codes.count
        var t = Bitset(count: n), u = Bitset(count: n)
        for r in 0..<n {
            if codes[r] == .max { u.insert(r) } else if hits.contains(codes[r]) != negated { t.insert(r) }
        }
        return (t, u)
    }
}
