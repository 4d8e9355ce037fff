/// Legend and bar text that stays readable: wrapped on spaces into a few lines and, when the
/// name is still too long, shortened by whole words from the middle, so the distinguishing start
/// and end of a name both stay visible (`Communauté d'agglomération … de Château-Thierry`).
enum ChartLabel {
    /// The widest character of the sans-serif chart text, in pixels per point of font size: used
    /// to reserve room for labels (DejaVu Sans, the usual fallback, averages 0.55).
    static let characterWidth = 0.6

    /// `text` in at most `maxLines` lines of at most `width` characters.
    static func lines(_ text: String, width: Int = 30, maxLines: Int = 2) -> [String] {
        func fits(_ lines: [String]) -> Bool { lines.count <= maxLines && lines.allSatisfy { $0.count <= width } }
        let whole = wrap(text, width: width)
        if fits(whole) { return whole }
        // Too long: keep whole words from both ends, alternately, while the result fits.
        let words = text.split(separator: " ").map(String.init)
        var head = 0, tail = 0, best = whole
        var grew = true
        while grew && head + tail < words.count {
            grew = false
            for takeHead in [true, false] where head + tail < words.count {
                let h = head + (takeHead ? 1 : 0), t = tail + (takeHead ? 0 : 1)
                let candidate = wrap((words.prefix(h) + ["…"] + words.suffix(t)).joined(separator: " "), width: width)
                if fits(candidate) {
                    head = h
                    tail = t
                    best = candidate
                    grew = true
                }
            }
        }
        if head > 0 && tail > 0 { return best }
        // A single word wider than the room: cut it in pieces rather than overflow.
        let chars = Array(text)
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
