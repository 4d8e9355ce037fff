/// Keeps dataset diagnostics short whatever the data holds: a value quoted from a file (between
/// backquotes) is cut to a short excerpt, and a whole message to a bounded length, so that an
/// error about a 1 GB field does not echo the field.
enum DiagnosticExcerpt {
    /// The most characters of one quoted value kept in a message.
    static let maximumQuoted = 64
    /// The most characters of a whole message or help text.
    static let maximumMessage = 1_000

    /// `text` with every backquoted value longer than `maximumQuoted` characters cut to its
    /// start, "…" and its length in bytes, then cut to `maximumMessage` characters.
    static func shorten(_ text: String) -> String {
        guard text.utf8.count > maximumQuoted else { return text }
        var out = ""
        var inside = false
        for (i, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "`" }
            if inside, part.utf8.count > maximumQuoted {
                out += part.prefix(maximumQuoted - 16) + "… (\(part.utf8.count) bytes)"
            } else {
                out += part
            }
            inside.toggle()
            if out.count > maximumMessage { break }
        }
        return out.count > maximumMessage ? String(out.prefix(maximumMessage)) + "…" : out
    }
}
