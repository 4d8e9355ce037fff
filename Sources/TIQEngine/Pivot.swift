import TIQCore
import TIQLanguage
import TIQStore

/// `show v, … by k as wide`: the groups of `agg … by a, k` become one row per value of the
/// other keys (`a`), with one column per (shown value, value of `k`): `v_true`, `v_false`, and
/// for a true/false key the gap `v_diff` = true − false.
struct PivotPlan: Sendable {
    /// The shown values, by name.
    var values: [(String, TypedExpr)]
    /// The pivot key column.
    var key: String
    /// The values of the key that become columns, as group keys, with their column suffixes.
    var keyValues: [(KeyValue, String)]
    /// The other group keys, which identify the output rows.
    var rowKeys: [(String, ExprType)]
    /// Whether to add `v_diff` columns (true/false key, number values).
    var addsDifference: Bool
}

extension Checker {
    mutating func checkPivot(_ bindings: [Binding], key: Identifier, stage: Stage) -> PlannedStage? {
        guard schema.grouped, schema.groupKeys.contains(key.name), let keyColumn = schema.column(key.name) else {
            error(.pivotKey, "`show … by \(key.name)` pivots the groups of `agg … by …, \(key.name)`", at: key.span,
                  label: schema.grouped ? "not a key of the last `agg`" : "rows are territories here",
                  help: "group first: `| agg v = … by region, \(key.name) | show v by \(key.name) as wide`")
            return nil
        }
        var keyValues: [(KeyValue, String)]
        switch keyColumn.type.kind {
        case .bool: keyValues = [(.bool(true), "true"), (.bool(false), "false")]
        case .text where keyColumn.type.categories != nil:
            keyValues = keyColumn.type.categories!.map { (.text($0), Self.suffix($0)) }
        default:
            error(.pivotKey, "cannot pivot on `\(key.name)`: its values are not known before the data is read", at: key.span,
                  help: "pivot on a true/false key, a text attribute, or categories made by `cut` or `case` (e.g. `derive band = cut(x, [0, 10])` before `agg`)")
            return nil
        }
        if Set(keyValues.map(\.1)).count != keyValues.count { keyValues = keyValues.enumerated().map { ($1.0, "\($0 + 1)") } }
        stageContext = .row
        var values: [(String, TypedExpr)] = []
        for b in bindings {
            guard let t = checkExpr(b.value) else { continue }
            guard t.type.shape == .scalar else {
                error(.oneValuePerRowRequired, "a pivoted column needs one value per group, got \(t.type)", at: t.span,
                      help: "pick a period with `@`, or reduce the series in `agg`"); continue
            }
            values.append((b.name?.name ?? ASTPrinter.expr(b.value), t))
        }
        let keyCode = schema.keyCodes[key.name]
        let rowKeys = schema.groupKeys.filter { $0 != key.name && $0 != keyCode }.compactMap { k in schema.column(k).map { (k, $0.type) } }
        let addsDifference = keyColumn.type.kind == .bool
        var columns = rowKeys.map { SchemaColumn(name: $0.0, type: $0.1) }
        for (name, t) in values {
            for (_, suffix) in keyValues { columns.append(SchemaColumn(name: "\(name)_\(suffix)", type: t.type)) }
            if addsDifference, t.type.kind == .number {
                columns.append(SchemaColumn(name: "\(name)_diff", type: .number(t.type.unit.difference)))
            }
        }
        schema.columns = columns
        schema.groupKeys = rowKeys.map(\.0)
        schema.keyCodes = schema.keyCodes.filter { rowKeys.map(\.0).contains($0.key) }
        return .pivot(PivotPlan(values: values, key: key.name, keyValues: keyValues, rowKeys: rowKeys, addsDifference: addsDifference))
    }

    /// A text attribute used as a group key, with its values (sorted, as groups sort) as
    /// categories, so that `show … by` can pivot on it; other keys unchanged.
    func withAttributeCategories(_ key: TypedExpr) -> TypedExpr {
        guard case .attribute(let ref) = key.kind, key.type.kind == .text, key.type.categories == nil else { return key }
        var out = key
        switch attributeColumn(ref) {
        case .text(_, let values)?: out.type.categories = values.sorted()
        case .territory(let level, _)?: out.type.categories = Array(Set(snapshot[level: level].names)).sorted()
        default: break
        }
        return out
    }

    /// A column-name suffix for a category label: folded, letters and digits, `_` between runs.
    static func suffix(_ label: String) -> String {
        var out = ""
        var gap = false
        for c in TextFolding.fold(label).unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
                if gap && !out.isEmpty { out += "_" }
                out.unicodeScalars.append(c)
                gap = false
            } else {
                gap = true
            }
        }
        return out.isEmpty ? "blank" : out
    }
}

extension Executor {
    func pivot(_ frame: Frame, _ plan: PivotPlan) throws(QueryFailure) -> Frame {
        guard let keyColumn = frame.column(plan.key) else { return frame }
        let keys = keyValues(keyColumn.data, count: frame.count)
        var rowKeyColumns: [[KeyValue]] = []
        for (name, _) in plan.rowKeys {
            guard let c = frame.column(name) else { return frame }
            rowKeyColumns.append(keyValues(c.data, count: frame.count))
        }
        // Output rows: the distinct tuples of the other keys, in frame order (agg sorted them).
        var rowOf: [[KeyValue]: Int] = [:]
        var tuples: [[KeyValue]] = []
        var outRow = [Int](repeating: 0, count: frame.count)
        for i in 0..<frame.count {
            let t = rowKeyColumns.map { $0[i] }
            if let r = rowOf[t] { outRow[i] = r } else { rowOf[t] = tuples.count; outRow[i] = tuples.count; tuples.append(t) }
        }
        let m = tuples.count
        var out = Frame(level: nil, rows: Array(0..<m), axis: frame.axis, window: frame.window)
        out.warnings = frame.warnings
        out.shown = true
        for (k, (name, type)) in plan.rowKeys.enumerated() {
            out.set(FrameColumn(name: name, type: type, data: keyVector(tuples.map { $0[k] }, type: type)))
        }
        for (name, e) in plan.values {
            let v = try evaluator.eval(e, frame)
            var cells: [Vector] = []
            for (value, suffix) in plan.keyValues {
                // Source row for each output row, or nil when that group does not exist.
                var source = [Int?](repeating: nil, count: m)
                for i in 0..<frame.count where keys[i] == value { source[outRow[i]] = i }
                let cell = spread(v, source)
                cells.append(cell)
                out.set(FrameColumn(name: "\(name)_\(suffix)", type: e.type, data: cell))
            }
            if plan.addsDifference, e.type.kind == .number, cells.count == 2 {
                let diff = try evaluator.binary(.subtract, cells[0], cells[1], out)
                out.set(FrameColumn(name: "\(name)_diff", type: .number(e.type.unit.difference), data: diff))
            }
        }
        return out
    }

    /// Group key tuples with each category label (`cut`, `case`) replaced by its rank, so that
    /// groups sort in the categories' order rather than alphabetically.
    func categoryRanked(_ tuples: [[KeyValue]], keys: [(String, TypedExpr)]) -> [[KeyValue]] {
        let ranks = keys.map { k in k.1.type.categories.map { Dictionary($0.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) } }
        guard ranks.contains(where: { $0 != nil }) else { return tuples }
        return tuples.map { t in
            t.enumerated().map { j, v in
                if let r = ranks[j], case .text(let s) = v, let rank = r[s] { return .number(Double(rank)) }
                return v
            }
        }
    }

    /// The cells of `v` at rows `source`, absent (`missing`) where a source row is nil.
    func spread(_ v: Vector, _ source: [Int?]) -> Vector {
        switch v {
        case .numbers(let x, let s):
            return .numbers(source.map { $0.map { x[$0] } ?? .nan },
                            source.map { i in i.map { s?[$0] ?? (x[$0].isNaN ? .missing : .ok) } ?? .missing })
        case .texts(let t): return .texts(source.map { $0.flatMap { t[$0] } })
        case .bools(let b): return .bools(source.map { $0.map { b[$0] } ?? 2 })
        default:
            let r = Evaluator.NumberReader(vector: v)
            return .numbers(source.map { $0.map { r.get($0, 0).0 } ?? .nan }, source.map { $0.map { r.get($0, 0).1 } ?? .missing })
        }
    }
}
