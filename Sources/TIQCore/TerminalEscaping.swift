/// Makes text from data files safe to print on a terminal.
///
/// Names and values come from files anyone can write: an ESC starts a control sequence (colours,
/// cursor moves, OSC 52 clipboard writes, window titles), a NUL or a C1 control can confuse the
/// terminal, and a bidirectional override (U+202A–U+202E, U+2066–U+2069) can reorder what is shown.
/// Table output, the REPL and rendered diagnostics pass every such text through `escape(_:)`, which
/// replaces each of these scalars by its visible Swift-style escape (`\u{1B}`); CSV and JSON
/// outputs stay faithful and do not use it.
public enum TerminalEscaping {
    /// Whether `s` must not reach a terminal raw: C0 controls, DEL, C1 controls, and the
    /// bidirectional marks, embeddings, overrides and isolates.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The visible escape of one scalar: itself when safe, `\u{1B}` otherwise.
    public static func escape(_ s: Unicode.Scalar, keepingTabs: Bool = false) -> String {
        if keepingTabs && s == "\t" { return "\t" }
        guard isUnsafe(s) else { return String(s) }
        return "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
    }

    /// `text` with every unsafe scalar replaced by its visible escape (tabs kept when asked).
    public static func escape(_ text: String, keepingTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !(keepingTabs && $0 == "\t") }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isUnsafe(s) && !(keepingTabs && s == "\t") {
                out.append(contentsOf: escape(s).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
