import TIQCore

/// Reads one published value: `1234`, `1 234,5`, `1.234,5`, `12.5`, or a status word for an
/// absent value (`s`/`secret`/`c` → secret, `na`/`n/a` → na, empty/`nd`/`-`/`..` → missing).
enum CellValue {
    /// The value and its status; nil when the text is neither a number nor a known status word.
    static func parse(_ text: String) -> (Double, ObservationStatus)? {
        var s = ""
        for ch in text.unicodeScalars where ch != " " && ch != "\u{00A0}" && ch != "\u{202F}" && ch != "\t" {
            s.unicodeScalars.append(ch)
        }
        switch s.lowercased() {
        case "", "nd", "-", "..", "missing": return (.nan, .missing)
        case "s", "secret", "c", "conf": return (.nan, .secret)
        case "na", "n/a", "sans objet": return (.nan, .notApplicable)
        default: break
        }
        if s.contains(",") {
            s = s.contains(".") ? s.replacingAll(".", with: "").replacingAll(",", with: ".") : s.replacingAll(",", with: ".")
        }
        guard let v = Double(s), v.isFinite else { return nil }
        return (v, .ok)
    }
}

extension String {
    /// The text with every `target` character replaced by `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
