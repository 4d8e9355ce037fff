import TIQCore

/// Text with positions marked inline (`1️⃣`, `2️⃣`, … or `‸`), as in swift-format's tests:
/// the markers are removed and their byte offsets, lines and columns remembered.
struct MarkedText {
    /// The text without markers.
    let text: String
    /// Each marker's UTF-8 offset in `text`.
    let offsets: [String: Int]

    static let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "‸"]

    init(_ marked: String) {
        var out = ""
        var offsets: [String: Int] = [:]
        var rest = Substring(marked)
        outer: while !rest.isEmpty {
            for m in Self.markers where rest.hasPrefix(m) {
                offsets[m] = out.utf8.count
                rest = rest.dropFirst(m.count)
                continue outer
            }
            out.append(rest.removeFirst())
        }
        text = out
        self.offsets = offsets
    }

    /// The byte offset of marker `m`.
    func offset(_ m: String = "1️⃣") -> Int { offsets[m] ?? -1 }

    /// `line:column` of marker `m`, 1-based, columns in Unicode scalars.
    func position(_ m: String = "1️⃣") -> String {
        let p = SourceSpan.position(of: offset(m), in: text)
        return "\(p.line):\(p.column)"
    }
}
