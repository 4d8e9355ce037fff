import TIQCore

/// One query of a `.tiq` document: a run of non-blank lines (blank lines before a line that
/// starts with `|` do not end it, so a pipeline may be spaced out).
struct LSPQueryBlock: Sendable, Equatable {
    /// 0-based line of the block's first line in the document.
    var firstLine: Int
    /// 0-based line of its last line.
    var lastLine: Int
    /// UTF-8 byte offset of the block's first byte in the document.
    var byteStart: Int
    /// The block's text, exactly as in the document (comments and all), so that byte offsets
    /// in it plus `byteStart` are offsets in the document.
    var text: String
    /// Whether every non-blank line is a `#` comment: nothing to check or run.
    var isOnlyComments: Bool

    /// The query to run: comment-only lines blanked, and as many empty lines before it as
    /// precede the block in the document, so the lines of diagnostics are the document's.
    var queryText: String {
        String(repeating: "\n", count: firstLine)
            + text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.drop { $0 == " " || $0 == "\t" }.hasPrefix("#") ? "" : $0 }
            .joined(separator: "\n")
    }

    /// `d`, a diagnostic of `text`, moved to the document: its spans (and its suggestions')
    /// shift by the block's first byte and line; columns stay, since a block starts a line.
    func inDocument(_ d: Diagnostic) -> Diagnostic {
        var moved = d
        moved.span = d.span.map(inDocument)
        moved.suggestions = d.suggestions.map { s in
            var s = s
            s.span = s.span.map(inDocument)
            return s
        }
        return moved
    }

    private func inDocument(_ span: SourceSpan) -> SourceSpan {
        SourceSpan(start: span.start + byteStart, end: span.end + byteStart, line: span.line + firstLine,
                   column: span.column, endLine: span.endLine + firstLine, endColumn: span.endColumn)
    }
}

/// Splits a `.tiq` document into its queries.
enum LSPQueryBlocks {
    /// The blocks of `text`, in order.
    static func split(_ text: String) -> [LSPQueryBlock] {
        let bytes = Array(text.utf8)
        let lines = lines(of: bytes)
        return ranges(of: lines).map { block($0, lines: lines, bytes: bytes) }
    }

    /// The block containing 0-based `line`, if any (only that block's text is made).
    static func block(at line: Int, in text: String) -> LSPQueryBlock? {
        let bytes = Array(text.utf8)
        let lines = lines(of: bytes)
        return ranges(of: lines).first { $0.first <= line && line <= $0.last }.map { block($0, lines: lines, bytes: bytes) }
    }

    /// One line: its byte range (without the `\n`) and whether it is blank / a comment / a continuation.
    private struct Line {
        var start: Int
        var end: Int
        var blank: Bool
        var comment: Bool
        var continuation: Bool
    }

    /// The lines of `bytes`, in one pass.
    private static func lines(of bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 10 {
            let content = bytes[start..<i].drop { $0 == 32 || $0 == 9 }
            let blank = content.allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
            lines.append(Line(start: start, end: i, blank: blank, comment: content.first == UInt8(ascii: "#"),
                              continuation: content.first == UInt8(ascii: "|")))
            start = i + 1
        }
        return lines
    }

    /// The (first, last) lines of each block. A continuation joins the block above when only
    /// blank lines lie between: the gap is checked once, so the pass stays linear.
    private static func ranges(of lines: [Line]) -> [(first: Int, last: Int)] {
        var ranges: [(first: Int, last: Int)] = []
        for (n, line) in lines.enumerated() where !line.blank {
            // Every line between the last block's end and `n` is blank (non-blank lines join a block).
            if let last = ranges.last, last.last == n - 1 || line.continuation {
                ranges[ranges.count - 1].last = n
            } else {
                ranges.append((n, n))
            }
        }
        return ranges
    }

    /// The block of lines `range`.
    private static func block(_ range: (first: Int, last: Int), lines: [Line], bytes: [UInt8]) -> LSPQueryBlock {
        let from = lines[range.first].start, to = lines[range.last].end
        let onlyComments = lines[range.first...range.last].allSatisfy { $0.blank || $0.comment }
        return LSPQueryBlock(firstLine: range.first, lastLine: range.last, byteStart: from,
                             text: String(decoding: bytes[from..<to], as: UTF8.self), isOnlyComments: onlyComments)
    }
}
