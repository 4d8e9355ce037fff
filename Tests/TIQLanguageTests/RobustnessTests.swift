import Testing
import TIQCore
import TIQLanguage

/// No input crashes the front end, and every error it reports points inside the text.
@Suite struct RobustnessTests {
    private func checkSane(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let result = TQLParser.parse(text)
        let size = text.utf8.count
        for d in result.diagnostics {
            let span = d.span
            #expect(span != nil, "\(d)", sourceLocation: sourceLocation)
            if let span {
                #expect(0 <= span.start && span.start <= span.end && span.end <= size, "\(d) in \(text)",
                        sourceLocation: sourceLocation)
            }
            #expect(d.code.hasPrefix("E1"), sourceLocation: sourceLocation)
        }
        if result.diagnostics.isEmpty {
            #expect(result.query != nil, "\(text)", sourceLocation: sourceLocation)
        }
        _ = DiagnosticRenderer().render(result.diagnostics, in: text)
    }

    @Test func everyPrefixOfTheWorkedExamples() {
        for example in WorkedExamples.all {
            let bytes = Array(example.utf8)
            for end in 0...bytes.count {
                let prefix = String(decoding: bytes[0..<end], as: UTF8.self)
                checkSane(prefix)
                _ = CursorContext.context(in: example, at: end)
                _ = CursorContext.identifier(in: example, at: end)
            }
        }
    }

    @Test func randomTokenSoup() {
        let pieces = ["from", "at", "|", "where", "agg", "by", "(", ")", "[", "]", ",", "..", "=", "==", "@", "~",
                      "\"", "\"x\"", "2018", "2018-Q3", "5%", "-", "not", "in", "x", "é", "#", "\n", "1_", "show",
                      "rollup", "to", "did", "pre", "post", "on", "fill", "with", "top", "3", "sort", "desc", "limit"]
        var rng = SplitMix64(seed: 42)
        for _ in 0..<3000 {
            let n = Int.random(in: 0...25, using: &rng)
            let text = (0..<n).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }.joined(separator: " ")
            checkSane(text)
            let cursor = Int.random(in: 0...text.utf8.count, using: &rng)
            _ = CursorContext.context(in: text, at: cursor)
            _ = CursorContext.identifier(in: text, at: cursor)
        }
    }

    @Test func randomBytes() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            checkSane(text)
            _ = CursorContext.context(in: text, at: Int.random(in: 0...text.utf8.count, using: &rng))
        }
    }
}
