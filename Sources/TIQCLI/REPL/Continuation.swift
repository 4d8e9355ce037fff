/// When a line of the REPL leaves the query unfinished: it ends in `|` or `,`, or a parenthesis
/// is still open. Strings and `#` comments are skipped; meta commands (`.help`) never continue.
public enum Continuation {
    /// Whether `text` (the lines typed so far, joined by newlines) needs another line.
    public static func needsMore(_ text: String) -> Bool {
        let trimmedStart = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        if trimmedStart.hasPrefix(".") { return false }
        var depth = 0
        var last: Character?
        var inString = false
        var inComment = false
        for ch in text {
            if inComment {
                if ch == "\n" { inComment = false }
                continue
            }
            if inString {
                if ch == "\"" { inString = false }
                if ch == "\n" { inString = false }
                last = ch
                continue
            }
            switch ch {
            case "\"": inString = true; last = ch
            case "#": inComment = true
            case "(": depth += 1; last = ch
            case ")": depth -= 1; last = ch
            case " ", "\t", "\r", "\n": continue
            default: last = ch
            }
        }
        if inString { return false }
        return depth > 0 || last == "|" || last == ","
    }
}
