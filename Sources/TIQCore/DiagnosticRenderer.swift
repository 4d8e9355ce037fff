/// Renders diagnostics for people, in the style of rustc:
///
/// ```
/// error[E201]: unknown indicator `emploi_indus`
///  --> query:1:6
///   |
/// 1 | from emploi_indus at epci
///   |      ^^^^^^^^^^^^ not in the catalog
/// help: did you mean `emploi_ind`?
/// ```
///
/// A diagnostic about a file (it has a `file`, or no text is given) renders on one line:
/// `territories.csv:12:3: error[D104]: … — help`. The REPL, the CLI and `check` all use this type,
/// so a diagnostic reads the same everywhere.
public struct DiagnosticRenderer: Sendable {
    /// Whether to colour the output with ANSI escapes (for a terminal).
    public var color: Bool
    /// The name printed after `-->` for query text.
    public var sourceName: String
    /// At most this many source lines are shown for a span covering several lines.
    public var maxLines: Int

    /// Creates a renderer.
    public init(color: Bool = false, sourceName: String = "query", maxLines: Int = 6) {
        self.color = color
        self.sourceName = sourceName
        self.maxLines = maxLines
    }

    /// Source characters shown before and after a span on a long line.
    static let context = 60
    /// The most source characters shown on one line of a diagnostic.
    static let window = 200

    /// At most this many diagnostics are rendered by `render(_:in:)`; one line counts the rest.
    public static let maxRendered = 100

    /// Renders several diagnostics, separated by blank lines: at most `maxRendered`, then one line
    /// `… and N more diagnostics`. The text is split into lines once for all of them, so the
    /// work is linear in the text plus the diagnostics shown.
    public func render(_ diagnostics: [Diagnostic], in text: String?) -> String {
        let lines = text.map(Self.lines(of:))
        var parts = diagnostics.prefix(Self.maxRendered).map { render($0, lines: lines) }
        if diagnostics.count > Self.maxRendered {
            parts.append("… and \(diagnostics.count - Self.maxRendered) more diagnostics")
        }
        return parts.joined(separator: "\n\n")
    }

    /// Renders one diagnostic against the query `text`; without text (or for a file diagnostic),
    /// the one-line form.
    public func render(_ d: Diagnostic, in text: String?) -> String {
        render(d, lines: text.map(Self.lines(of:)))
    }

    /// Renders one diagnostic against the text already split into lines. Every piece that can
    /// hold text from a data file or the query is escaped (`TerminalEscaping`); the carets stay
    /// under the escaped text.
    private func render(_ d: Diagnostic, lines: [[Unicode.Scalar]]?) -> String {
        guard let lines, d.file == nil, let span = d.span else { return oneLine(d) }
        let lastShown = min(span.endLine, span.line + maxLines - 1)
        let width = String(lastShown).count
        let gutter = String(repeating: " ", count: width)
        var out = [header(d)]
        out.append(gutter + paint("-->", .blue) + " \(sourceName):\(span.line):\(span.column)")
        out.append(gutter + " " + paint("|", .blue))
        for number in span.line...max(span.line, lastShown) {
            let source = number - 1 < lines.count ? lines[number - 1] : []
            let numberText = String(number)
            let pad = String(repeating: " ", count: width - numberText.count)
            let from = number == span.line ? span.column : (source.firstIndex { $0 != " " && $0 != "\t" } ?? 0) + 1
            let to = number == span.endLine ? span.endColumn : source.count + 1
            let lower = min(max(0, from - 1), source.count), upper = min(max(lower, to - 1), source.count)
            // A long line shows a window around the span, so each diagnostic stays small.
            let start = max(0, lower - Self.context), end = min(source.count, max(upper, lower) + Self.context, lower + Self.window)
            let shown = source[start..<end].map { TerminalEscaping.escape($0, keepingTabs: true) }
            let head = start > 0 ? "…" : "", tail = end < source.count ? "…" : ""
            out.append(paint(pad + numberText + " |", .blue) + (source.isEmpty ? "" : " " + head + shown.joined() + tail))
            let spanned = shown[(lower - start)..<(min(upper, end) - start)].reduce(0) { $0 + $1.unicodeScalars.count }
            let beyond = upper > end ? 1 : max(0, to - from - (upper - lower))
            let carets = max(1, spanned + beyond)
            let indent = head.map { _ in " " }.joined()
                + shown.prefix(lower - start).map { $0 == "\t" ? "\t" : String(repeating: " ", count: $0.unicodeScalars.count) }.joined()
                + String(repeating: " ", count: max(0, from - 1 - source.count))
            var underline = gutter + " " + paint("|", .blue) + " " + indent
                + paint(String(repeating: "^", count: carets), d.severity == .error ? .red : .yellow)
            if number == lastShown, let label = d.label ?? defaultLabel(d) {
                underline += " " + paint(TerminalEscaping.escape(label), d.severity == .error ? .red : .yellow)
            }
            out.append(underline)
        }
        if lastShown < span.endLine { out.append(gutter + " " + paint("|", .blue) + " …") }
        for note in d.notes { out.append(paint("note", .bold) + ": " + TerminalEscaping.escape(note)) }
        if let help = d.help ?? suggestionHelp(d) { out.append(paint("help", .cyan) + ": " + TerminalEscaping.escape(help)) }
        return out.joined(separator: "\n")
    }

    /// `file:line:col: error[code]: message — help`, coloured when asked.
    public func oneLine(_ d: Diagnostic) -> String {
        guard color else { return d.description }
        var place = ""
        if let file = d.file { place += TerminalEscaping.escape(file) + ":" }
        if let span = d.span { place += "\(span.line):\(span.column):" }
        var s = place.isEmpty ? "" : paint(place, .bold) + " "
        s += header(d)
        if let help = d.help { s += " — " + TerminalEscaping.escape(help) }
        return s
    }

    // MARK: - Pieces

    private func header(_ d: Diagnostic) -> String {
        let kind: Style = d.severity == .error ? .red : d.severity == .warning ? .yellow : .cyan
        return paint("\(d.severity.rawValue)[\(d.code)]", kind) + paint(": " + TerminalEscaping.escape(d.message), .bold)
    }

    private func defaultLabel(_ d: Diagnostic) -> String? {
        d.expected.isEmpty ? nil : "expected " + d.expected.joined(separator: ", ")
    }

    private func suggestionHelp(_ d: Diagnostic) -> String? {
        guard !d.suggestions.isEmpty else { return nil }
        return "did you mean " + d.suggestions.map { "`\($0.label)`" }.joined(separator: " or ") + "?"
    }

    /// The text split into lines of Unicode scalars, without line terminators.
    static func lines(of text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        for s in text.unicodeScalars {
            if s == "\n" {
                lines.append([])
            } else if s != "\r" {
                lines[lines.count - 1].append(s)
            }
        }
        return lines
    }

    private enum Style: String {
        case red = "1;31", yellow = "1;33", blue = "1;34", cyan = "1;36", bold = "1"
    }

    private func paint(_ s: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s
    }
}
