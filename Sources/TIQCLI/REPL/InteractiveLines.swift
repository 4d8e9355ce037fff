/// Gathers the lines typed or pasted at the terminal into queries, with the rules of a script:
/// a line ending in `|`, `,` or an open parenthesis asks for more; a line starting with `|` (or
/// a `#` comment) continues the query above; a blank line or any other line ends it.
///
/// At a terminal the end of a query is not known in advance, so a complete query runs as soon as
/// Enter is pressed by hand; a line that then starts with `|` continues the query that ran, and
/// the whole query runs again (`from x` ⏎ `| where …` ⏎ answers `from x | where …`). When the
/// line came from a paste (more input already waiting), the query waits for the next line, so
/// a pasted multi-line query runs once.
struct InteractiveLines {
    /// The lines of the query being gathered.
    private(set) var lines: [String] = []
    /// The last query handed out, which a line starting with `|` continues.
    private(set) var last: String?

    /// Starts empty, continuing `last` if given.
    init(last: String? = nil) { self.last = last }

    /// Whether no line is waiting.
    var isEmpty: Bool { lines.isEmpty }

    /// The lines gathered, joined.
    var text: String { lines.joined(separator: "\n") }

    /// Adds one line; returns the inputs to handle now, in order (zero, one, or two when a waiting
    /// pasted query is ended by a line that starts another input).
    mutating func add(_ line: String, moreFollows: Bool) -> [String] {
        let trimmed = line.trimmingSpaces
        var ready: [String] = []
        if !lines.isEmpty && !Continuation.needsMore(text) && !continues(trimmed) {
            // A pasted query waited for this line, which does not continue it.
            if let t = take() { ready.append(t) }
        }
        if lines.isEmpty {
            if trimmed.isEmpty { return ready }
            if trimmed.hasPrefix("|"), let last { lines = last.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        }
        lines.append(line)
        if trimmed.hasPrefix(".") && lines.count == 1 {
            if let t = take() { ready.append(t) }
            return ready
        }
        if Continuation.needsMore(text) || moreFollows { return ready }
        if let t = take() { ready.append(t) }
        return ready
    }

    /// The gathered input, emptied; a query becomes the one a `|` line continues. Nil when blank.
    mutating func take() -> String? {
        defer { lines = [] }
        let t = text
        guard !ReplSession.isBlank(t) else { return nil }
        if !t.trimmingSpaces.hasPrefix(".") { last = t }
        return t
    }

    /// Whether `trimmed` continues the query waiting: a `|` line, or a comment inside a query.
    private func continues(_ trimmed: String) -> Bool {
        trimmed.hasPrefix("|") || (trimmed.hasPrefix("#") && !(lines.first?.trimmingSpaces.hasPrefix(".") ?? false))
    }
}
