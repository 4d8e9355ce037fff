/// Keeps a list of diagnostics short: a pathological text can hold one error per byte, and
/// nobody reads (or should receive) 65,000 of them.
public enum DiagnosticCap {
    /// The most diagnostics a check returns before the summary.
    public static let limit = 100

    /// The first `limit` diagnostics, then, when some were dropped, one note `W412` that counts
    /// them (`… and 64,900 more diagnostics`).
    public static func capped(_ diagnostics: [Diagnostic], limit: Int = limit) -> [Diagnostic] {
        guard diagnostics.count > limit else { return diagnostics }
        let dropped = diagnostics.count - limit
        return Array(diagnostics.prefix(limit)) + [
            Diagnostic(.moreDiagnostics, message: "… and \(dropped) more diagnostics",
                       help: "fix the first errors: the rest often follow from them"),
        ]
    }
}
