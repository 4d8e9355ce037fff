import TIQCore

/// A dataset that cannot be loaded: every problem found, each with file, line, column and fix.
///
/// The loader and the builder collect up to `DiagnosticCollector.limit` problems in one pass,
/// then count the rest in `omitted`, so fixing a broken file takes one round, not fifty.
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var diagnostics: [Diagnostic]
    /// How many further problems were found but not listed.
    public var omitted: Int

    /// Creates a failure.
    public init(diagnostics: [Diagnostic], omitted: Int = 0) {
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    /// One line per problem, `file:line:column: error[D1xx]: what — how to fix`, then the count omitted.
    public var description: String {
        var lines = diagnostics.map(\.description)
        if omitted > 0 { lines.append("… and \(omitted) more problem\(omitted == 1 ? "" : "s") not listed") }
        return lines.joined(separator: "\n")
    }

    /// The diagnostic codes, in order (handy in tests and logs).
    public var codes: [String] { diagnostics.map(\.code) }
}

/// Collects dataset diagnostics up to a bound, counting the overflow.
struct DiagnosticCollector {
    /// The most diagnostics kept.
    static let limit = 50

    private(set) var diagnostics: [Diagnostic] = []
    private(set) var omitted = 0

    /// Whether any error was recorded.
    var hasErrors: Bool { !diagnostics.isEmpty || omitted > 0 }

    /// Whether the bound is reached, so that expensive checks can stop early.
    var isFull: Bool { diagnostics.count >= Self.limit }

    /// Records an error at `location`.
    mutating func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation, help: String) {
        guard diagnostics.count < Self.limit else { omitted += 1; return }
        var d = Diagnostic.error(code, DiagnosticExcerpt.shorten(message), at: location.span,
                                 help: DiagnosticExcerpt.shorten(help))
        d.file = location.file
        diagnostics.append(d)
    }

    /// Throws the collected problems, if any.
    func throwIfFailed() throws(LoadFailure) {
        if hasErrors { throw LoadFailure(diagnostics: diagnostics, omitted: omitted) }
    }
}

/// A place in a dataset file: the file and the span of a field.
struct SourceLocation {
    /// The file path (or the file name, for datasets built in memory).
    var file: String
    /// The field's span; nil for a whole-file problem.
    var span: SourceSpan?

    /// A whole-file location.
    static func file(_ file: String) -> SourceLocation { SourceLocation(file: file, span: nil) }

    /// A location at `line`, `column` with the given byte range.
    static func at(_ file: String, line: Int, column: Int, start: Int = 0, end: Int = 0) -> SourceLocation {
        SourceLocation(file: file, span: SourceSpan(start: start, end: end, line: line, column: column,
                                                    endLine: line, endColumn: column + max(0, end - start)))
    }
}
