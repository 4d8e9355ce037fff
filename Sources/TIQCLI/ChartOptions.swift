/// What a chart says around its data: a title, a subtitle, the source and notes.
///
/// `tiq query` and `tiq run` fill it from `--title`, `--subtitle`, `--source` and `--note`; when
/// no source is given, it is the catalog's source of the indicators the query names (the demo
/// says `synthetic`).
public struct ChartOptions: Sendable, Equatable {
    /// The heading; defaults to the measures drawn.
    public var title: String?
    /// A line under the title.
    public var subtitle: String?
    /// Where the data comes from, printed under the chart as `Source: …`.
    public var source: String?
    /// Notes printed under the source, one line each.
    public var notes: [String]

    /// Creates options; everything optional.
    public init(title: String? = nil, subtitle: String? = nil, source: String? = nil, notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.notes = notes
    }

    /// Reads `--title`, `--subtitle`, `--source` and `--note` (repeatable).
    static func read(_ args: inout ArgumentReader) throws -> ChartOptions {
        ChartOptions(title: try args.option("--title"), subtitle: try args.option("--subtitle"),
                     source: try args.option("--source"), notes: try args.options("--note"))
    }
}

/// Legend text that stays readable: wrapped on spaces, and shortened from the middle when it is
/// still too long, so the distinguishing start and end of a name both stay visible.
enum ChartLabel {
    /// `text` in at most `maxLines` lines of at most `width` characters.
    static func lines(_ text: String, width: Int = 30, maxLines: Int = 2) -> [String] {
        let wrapped = wrap(text, width: width)
        if wrapped.count <= maxLines && wrapped.allSatisfy({ $0.count <= width }) { return wrapped }
        // Too long: keep the start and the end, drop the middle, then wrap what is left.
        let budget = width * maxLines - 3
        let head = text.prefix(budget / 2).trimmingTrailingSpaces(), tail = String(text.suffix(budget - budget / 2)).trimmingLeadingSpaces()
        // Cut at word boundaries when one is near, so no word is left in pieces.
        let headWords = head.lastIndex(of: " ").map { head.distance(from: head.startIndex, to: $0) > head.count - 10 ? String(head[..<$0]) : head } ?? head
        let tailWords = tail.firstIndex(of: " ").map { tail.distance(from: tail.startIndex, to: $0) < 10 ? String(tail[tail.index(after: $0)...]) : tail } ?? tail
        let short = headWords + " … " + tailWords
        let again = wrap(short, width: width)
        if again.count <= maxLines && again.allSatisfy({ $0.count <= width }) { return again }
        let chars = Array(short)
        return stride(from: 0, to: chars.count, by: width).prefix(maxLines).map { String(chars[$0..<min($0 + width, chars.count)]) }
    }

    /// Words packed greedily into lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                out.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.isEmpty ? [""] : out
    }
}

private extension StringProtocol {
    func trimmingTrailingSpaces() -> String { var s = String(self); while s.last == " " { s.removeLast() }; return s }
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
