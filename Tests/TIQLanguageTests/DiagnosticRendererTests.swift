import Testing
import TIQCore
import TIQLanguage

@Suite struct DiagnosticRendererTests {
    @Test func multiLineQueryWithTwoErrors() {
        let text = """
            from emploi_ind at epci
            | where complete(emploi_ind, 2018 2022)
            | wher x
            | limit 3
            """
        let rendered = DiagnosticRenderer().render(TQLParser.parse(text).diagnostics, in: text)
        #expect(rendered == """
            error[E101]: unexpected `2022`
             --> query:2:35
              |
            2 | | where complete(emploi_ind, 2018 2022)
              |                                   ^^^^ expected an operator such as `==`, `and` or `+`, `,` or `)`

            error[E106]: unknown stage `wher`
             --> query:3:3
              |
            3 | | wher x
              |   ^^^^ not a stage keyword
            help: did you mean `where`?
            """)
    }

    @Test func spanOverSeveralLinesUnderlinesEachLine() {
        let text = "from x\n| where a and\n    b > 3\n| limit 1"
        let span = SourceSpan.of(15..<30, in: text)
        var d = Diagnostic.error("E305", "`where` needs one true/false per territory", at: span, label: "a series")
        d.notes = ["b has one value per period"]
        #expect(DiagnosticRenderer().render(d, in: text) == """
            error[E305]: `where` needs one true/false per territory
             --> query:2:9
              |
            2 | | where a and
              |         ^^^^^
            3 |     b > 3
              |     ^^^^^ a series
            note: b has one value per period
            """)
    }

    @Test func emptySpanAtTheEndGetsOneCaret() {
        let text = "from x |"
        #expect(DiagnosticRenderer().render(TQLParser.parse(text).diagnostics, in: text) == """
            error[E105]: unexpected end of query
             --> query:1:9
              |
            1 | from x |
              |         ^ expected a stage such as `where` or `agg`
            """)
    }

    @Test func unicodeBeforeTheSpanIsCountedInScalars() {
        let text = "lookup \"Vallée\" at 3"
        let rendered = DiagnosticRenderer().render(TQLParser.parse(text).diagnostics, in: text)
        #expect(rendered.contains("\n  |                    ^ expected a level such as `epci`"))
    }

    @Test func fileDiagnosticsRenderOnOneLine() {
        var d = Diagnostic.error("D104", "not a number", at: SourceSpan(start: 0, end: 0, line: 12, column: 3, endLine: 12, endColumn: 4),
                                 help: "use a dot as the decimal separator")
        d.file = "observations.csv"
        #expect(DiagnosticRenderer().render(d, in: "ignored") ==
                "observations.csv:12:3: error[D104]: not a number — use a dot as the decimal separator")
        #expect(DiagnosticRenderer().render(d, in: nil) == d.description)
    }

    @Test func colourIsOptional() {
        let text = "from x |"
        let diagnostics = TQLParser.parse(text).diagnostics
        #expect(!DiagnosticRenderer().render(diagnostics, in: text).contains("\u{1B}["))
        let coloured = DiagnosticRenderer(color: true).render(diagnostics, in: text)
        #expect(coloured.contains("\u{1B}[1;31merror[E105]\u{1B}[0m"))
    }

    @Test func gutterWidensForTwoDigitLineNumbers() {
        let text = String(repeating: "\n", count: 10) + "from"
        let rendered = DiagnosticRenderer().render(TQLParser.parse(text).diagnostics, in: text)
        #expect(rendered.contains("\n  --> query:11:5\n   |\n11 | from\n   |     ^"))
    }
}
