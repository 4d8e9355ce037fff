import TIQCore

/// Dumps a query as an indented tree, one node per line, for golden tests and `explain`:
///
/// ```
/// Query @1:1-2:20
///   From @1:1-1:26
///     Indicator emploi_ind @1:6-1:16
///     Level epci @1:20-1:24
///   Stage where @2:3-2:20
///     Binary == @2:9-2:20
/// ```
public enum ASTDumper {
    /// The dump of `query`; `positions: false` leaves out the `@line:col-line:col` suffixes.
    public static func dump(_ query: Query, positions: Bool = true) -> String {
        var w = Writer(positions: positions)
        w.query(query)
        return w.lines.joined(separator: "\n")
    }

    /// The dump of one expression, indented from depth 0.
    public static func dump(_ expr: Expr, positions: Bool = true) -> String {
        var w = Writer(positions: positions)
        w.expr(expr, depth: 0)
        return w.lines.joined(separator: "\n")
    }

    struct Writer {
        let positions: Bool
        var lines: [String] = []

        mutating func line(_ depth: Int, _ text: String, _ span: SourceSpan?) {
            var s = String(repeating: "  ", count: depth) + text
            if positions, let span {
                s += " @\(span.line):\(span.column)-\(span.endLine):\(span.endColumn)"
            }
            lines.append(s)
        }

        mutating func query(_ q: Query) {
            line(0, "Query", q.span)
            switch q.source.kind {
            case .from(let indicators, let level):
                line(1, "From", q.source.span)
                for i in indicators { line(2, "Indicator \(i.name)", i.span) }
                if let level { line(2, "Level \(level.name)", level.span) }
            case .territories(let level):
                line(1, "Territories", q.source.span)
                if let level { line(2, "Level \(level.name)", level.span) }
            case .lookup(let text, let level, let limit):
                line(1, "Lookup \(ASTPrinter.quote(text.value))" + (limit.map { " limit \($0)" } ?? ""), q.source.span)
                if let level { line(2, "Level \(level.name)", level.span) }
            }
            for s in q.stages { stage(s) }
        }

        mutating func stage(_ s: Stage) {
            let header = ASTPrinter.keyword(of: s)
            switch s.kind {
            case .where(let e):
                line(1, "Stage \(header)", s.span)
                expr(e, depth: 2)
            case .period(let ranges):
                line(1, "Stage \(header) " + ranges.map(ASTPrinter.range).joined(separator: ", "), s.span)
            case .derive(let bindings):
                line(1, "Stage \(header)", s.span)
                for b in bindings { binding(b) }
            case .agg(let bindings, let keys):
                line(1, "Stage \(header)", s.span)
                for b in bindings { binding(b) }
                for k in keys { line(2, "By \(k.name)", k.span) }
            case .rollup(let level, let rules):
                line(1, "Stage \(header) to \(level.name)", s.span)
                for r in rules {
                    let w = r.weight.map { " weight \($0.name)" } ?? ""
                    line(2, "Rule \(r.indicator.name) = \(r.aggregate.name)\(w)", r.indicator.span.union(r.weight?.span ?? r.aggregate.span))
                }
            case .compare(let flag, let on, let options):
                line(1, "Stage \(header)", s.span)
                expr(flag, depth: 2, role: "flag")
                expr(on, depth: 2, role: "on")
                inference(options)
            case .did(let flag, let pre, let post, let on, let options):
                line(1, "Stage \(header) pre \(ASTPrinter.range(pre)) post \(ASTPrinter.range(post))", s.span)
                expr(flag, depth: 2, role: "flag")
                expr(on, depth: 2, role: "on")
                inference(options)
            case .fill(let columns, let method):
                line(1, "Stage \(header) \(columns.map(\.name).joined(separator: ", ")) with \(ASTPrinter.fill(method))", s.span)
            case .top(let n, let key, _):
                line(1, "Stage \(header) \(n)", s.span)
                expr(key, depth: 2, role: "by")
            case .sort(let keys):
                line(1, "Stage \(header)", s.span)
                for k in keys { expr(k.key, depth: 2, role: k.descending ? "desc" : "asc") }
            case .limit(let n):
                line(1, "Stage \(header) \(n)", s.span)
            case .show(let columns, let layout):
                line(1, "Stage \(header)" + (layout.map { " as \($0.rawValue)" } ?? ""), s.span)
                for b in columns { binding(b) }
            case .pivot(let columns, let key):
                line(1, "Stage \(header) by \(key.name) as wide", s.span)
                for b in columns { binding(b) }
            }
        }

        mutating func binding(_ b: Binding) {
            if let name = b.name {
                line(2, "Binding \(name.name)", name.span.union(b.value.span))
                expr(b.value, depth: 3)
            } else {
                line(2, "Column", b.value.span)
                expr(b.value, depth: 3)
            }
        }

        mutating func expr(_ e: Expr, depth: Int, role: String? = nil) {
            let prefix = role.map { "\($0): " } ?? ""
            switch e.kind {
            case .number(let v, let isInteger):
                line(depth, prefix + "Number \(ASTPrinter.number(v, isInteger: isInteger))", e.span)
            case .percent(let v):
                line(depth, prefix + "Percent \(ASTPrinter.percent(v))", e.span)
            case .string(let s):
                line(depth, prefix + "String \(ASTPrinter.quote(s))", e.span)
            case .period(let p):
                line(depth, prefix + "Period \(p)", e.span)
            case .bool(let b):
                line(depth, prefix + "Bool \(b)", e.span)
            case .name(let n):
                line(depth, prefix + "Name \(n)", e.span)
            case .call(let f, let args):
                line(depth, prefix + "Call \(f.name)", e.span)
                for a in args { expr(a.value, depth: depth + 1, role: a.label.map { "\($0.name) =" }) }
            case .unary(let op, let x):
                line(depth, prefix + "Unary \(op.rawValue)", e.span)
                expr(x, depth: depth + 1)
            case .binary(let op, let l, let r):
                line(depth, prefix + "Binary \(op.rawValue)", e.span)
                expr(l, depth: depth + 1)
                expr(r, depth: depth + 1)
            case .at(let x, let p):
                line(depth, prefix + "At \(p.period)", e.span)
                expr(x, depth: depth + 1)
            case .slice(let x, let r):
                line(depth, prefix + "Slice \(ASTPrinter.range(r))", e.span)
                expr(x, depth: depth + 1)
            case .inList(let x, let items):
                line(depth, prefix + "In", e.span)
                expr(x, depth: depth + 1)
                for i in items { expr(i, depth: depth + 1, role: "item") }
            case .fuzzy(let x, let s):
                line(depth, prefix + "Fuzzy \(ASTPrinter.quote(s.value))", e.span)
                expr(x, depth: depth + 1)
            case .range(let r):
                line(depth, prefix + "Range \(ASTPrinter.range(r))", e.span)
            case .of(let x, let level):
                line(depth, prefix + "Of \(level.name)", e.span)
                expr(x, depth: depth + 1)
            case .list(let items):
                line(depth, prefix + "List", e.span)
                for i in items { expr(i, depth: depth + 1, role: "item") }
            case .caseWhen(let clauses, let otherwise):
                line(depth, prefix + "Case", e.span)
                for c in clauses {
                    expr(c.condition, depth: depth + 1, role: "when")
                    expr(c.value, depth: depth + 1, role: "then")
                }
                if let otherwise { expr(otherwise, depth: depth + 1, role: "else") }
            }
        }
    }
}
