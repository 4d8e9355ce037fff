/// Where a diagnostic points: a range of UTF-8 bytes in a query, or a cell in a file.
///
/// Lines and columns are 1-based and count Unicode scalars, as a person reads them.
public struct SourceSpan: Sendable, Hashable {
    /// Offset of the first byte, in UTF-8 bytes from the start of the text.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int
    /// 1-based line of `start`.
    public var line: Int
    /// 1-based column of `start`, in Unicode scalars.
    public var column: Int
    /// 1-based line of `end`.
    public var endLine: Int
    /// 1-based column of `end`, in Unicode scalars.
    public var endColumn: Int

    /// Creates a span from its offsets and positions.
    public init(start: Int, end: Int, line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.start = start
        self.end = end
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// A span covering `self` and `other`.
    public func union(_ other: SourceSpan) -> SourceSpan {
        let first = start <= other.start ? self : other
        let last = end >= other.end ? self : other
        return SourceSpan(start: first.start, end: last.end, line: first.line, column: first.column,
                          endLine: last.endLine, endColumn: last.endColumn)
    }

    /// Computes the span of bytes `range` in `text`, with its lines and columns.
    public static func of(_ range: Range<Int>, in text: String) -> SourceSpan {
        let (l1, c1) = position(of: range.lowerBound, in: text)
        let (l2, c2) = position(of: range.upperBound, in: text)
        return SourceSpan(start: range.lowerBound, end: range.upperBound, line: l1, column: c1, endLine: l2, endColumn: c2)
    }

    /// The 1-based line and scalar column of byte `offset` in `text`.
    public static func position(of offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1, i = 0
        for b in text.utf8 {
            if i >= offset { break }
            if b == 10 { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }
}

/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
    /// The query or file cannot be used.
    case error
    /// The answer stands, but something was dropped, approximated or is worth knowing.
    case warning
    /// Extra information attached to an answer.
    case note
}

/// A proposed fix: a label to show and, when known, the text that replaces a span.
public struct Suggestion: Sendable, Hashable {
    /// What a person reads: `emploi_ind`, `"Grand Est" (code 44)`.
    public var label: String
    /// The replacement text, when applying the suggestion is mechanical.
    public var replacement: String?
    /// The span the replacement overwrites.
    public var span: SourceSpan?
    /// More about the candidate (its unit, levels, years).
    public var detail: String?

    /// Creates a suggestion.
    public init(label: String, replacement: String? = nil, span: SourceSpan? = nil, detail: String? = nil) {
        self.label = label
        self.replacement = replacement
        self.span = span
        self.detail = detail
    }
}

/// One problem found in a query or a dataset: what is wrong, where, and how to fix it.
///
/// The same value is rendered like a compiler message for people and encoded as JSON for
/// tools (`error.data.diagnostics`), so both always say the same thing.
public struct Diagnostic: Sendable, Hashable, Error {
    /// Error, warning or note.
    public var severity: Severity
    /// A stable code: `E1xx` syntax, `E2xx` names, `E3xx` types and units, `E4xx` execution,
    /// `W4xx` data warnings, `D1xx` dataset files.
    public var code: String
    /// One sentence saying what is wrong.
    public var message: String
    /// Where, in the query or the file.
    public var span: SourceSpan?
    /// The file the span refers to, for dataset diagnostics; nil for a query.
    public var file: String?
    /// A short label printed under the caret.
    public var label: String?
    /// What would have been valid here, in user words.
    public var expected: [String]
    /// Candidate fixes, drawn only from what is valid at that place.
    public var suggestions: [Suggestion]
    /// How to fix it, in one sentence.
    public var help: String?
    /// Further remarks.
    public var notes: [String]

    /// Creates a diagnostic.
    public init(_ severity: Severity, code: String, message: String, span: SourceSpan? = nil, file: String? = nil,
                label: String? = nil, expected: [String] = [], suggestions: [Suggestion] = [],
                help: String? = nil, notes: [String] = []) {
        self.severity = severity
        self.code = code
        self.message = message
        self.span = span
        self.file = file
        self.label = label
        self.expected = expected
        self.suggestions = suggestions
        self.help = help
        self.notes = notes
    }

    /// An error diagnostic.
    public static func error(_ code: String, _ message: String, at span: SourceSpan? = nil, label: String? = nil,
                             help: String? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, span: span, label: label, help: help)
    }

    /// A warning diagnostic.
    public static func warning(_ code: String, _ message: String, at span: SourceSpan? = nil, label: String? = nil,
                               help: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code: code, message: message, span: span, label: label, help: help)
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:column: severity[code]: message — help`, the one-line form used for files.
    public var description: String {
        var s = ""
        if let file { s += file + ":" }
        if let span { s += "\(span.line):\(span.column):" }
        if !s.isEmpty { s += " " }
        s += "\(severity.rawValue)[\(code)]: \(message)"
        if let help { s += " — \(help)" }
        return TerminalEscaping.escape(s)
    }
}
