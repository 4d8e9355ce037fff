import Testing
import TIQCore

/// The renderer on hand-made diagnostics; TIQLanguageTests renders the parser's (the E106 example).
@Suite struct DiagnosticRendererTests {
    /// The UTF-8 byte range of the first `needle` in `text`, found by scanning bytes here.
    static func range(of needle: String, in text: String) -> Range<Int> {
        let t = Array(text.utf8), n = Array(needle.utf8)
        let start = (0...(t.count - n.count)).first { Array(t[$0..<($0 + n.count)]) == n }!
        return start..<(start + n.count)
    }

    @Test func positionsCountLinesAndScalars() {
        let text = "from x\n| where région == 1"
        let span = SourceSpan.of(Self.range(of: "== 1", in: text), in: text)
        // Line 2 is "| where région == 1": "==" is its 16th character ("é" is one, though two bytes),
        // and starts at byte 7 + 8 + 7 + 1 = 23.
        #expect(span.line == 2 && span.column == 16 && span.endLine == 2 && span.endColumn == 20)
        #expect(span.start == 23 && span.end == 27)
    }

    @Test func spansOverSeveralLinesAreCutAfterMaxLines() {
        let text = "a\nb\nc\nd"
        let d = Diagnostic.error(.unbalanced, "m", at: SourceSpan.of(0..<7, in: text), label: "here")
        #expect(DiagnosticRenderer(sourceName: "f.tiq", maxLines: 2).render(d, in: text) == """
            error[E107]: m
             --> f.tiq:1:1
              |
            1 | a
              | ^
            2 | b
              | ^ here
              | …
            """)
    }

    @Test func fileDiagnosticsAreOneLine() {
        var d = Diagnostic.error(.notANumber, "value `12a` is not a number", at: SourceSpan(start: 0, end: 3, line: 4, column: 21, endLine: 4, endColumn: 24),
                                 help: "write a number")
        d.file = "data/observations.csv"
        let expected = "data/observations.csv:4:21: error[D116]: value `12a` is not a number — write a number"
        #expect(d.description == expected)
        #expect(DiagnosticRenderer().render(d, in: "anything") == expected)
        #expect(DiagnosticRenderer(color: true).render(d, in: nil).contains("\u{1B}[1;31merror[D116]"))
    }
}
