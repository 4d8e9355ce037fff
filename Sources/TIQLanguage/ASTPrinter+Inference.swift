import TIQCore

extension ASTPrinter {
    /// The canonical text of the options of `compare`/`did`, with a leading space, or "".
    static func inference(_ o: InferenceClause) -> String {
        var parts: [String] = []
        if let m = o.matching {
            parts.append("matched on (" + m.covariates.map(expr).joined(separator: ", ") + ")")
            if let k = m.neighbours { parts.append("k \(k)") }
            if let c = m.caliper { parts.append("caliper \(number(c, isInteger: false))") }
            for e in m.exact { parts.append("exact \(e.name)") }
        }
        if let k = o.strata { parts.append("stratified by \(k.name)") }
        if let model = o.model { parts.append("model \(model.name)") }
        if let r = o.reference { parts.append("ref \(r.period)") }
        if let level = o.level { parts.append("with ci \(number(level, isInteger: isIntegral(level)))") }
        if let d = o.draws { parts.append("draws \(d)") }
        if let s = o.seed { parts.append("seed \(s)") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " ")
    }
}

extension ASTDumper.Writer {
    /// The options of `compare`/`did`, one line each.
    mutating func inference(_ o: InferenceClause) {
        guard !o.isEmpty else { return }
        line(2, "Options" + ASTPrinter.inference(o), o.span)
        for c in o.matching?.covariates ?? [] { expr(c, depth: 3, role: "covariate") }
    }
}
