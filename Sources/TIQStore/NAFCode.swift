/// The NAF rév. 2 hierarchy as a breakdown classification (issue 16): codes at five depths,
/// `section` (`C`), `division` (`10`), `group` (`10.7`), `class` (`10.71`), `subclass`
/// (`10.71C`). A code's ancestors follow from its text (a group is the first digit of its
/// class, …) and a division's section from `NAFSections`, the one NAF table.
public enum NAFCode {
    /// The name of the built-in classification, in `indicators.csv` (`breakdown`) and in queries.
    public static let classification = "naf"

    /// The names of the depths, coarsest first: `by naf.section`, `by naf.division`, …
    public static let depthNames = ["section", "division", "group", "class", "subclass"]

    /// The canonical form of a code and its depth (0 = section … 4 = subclass), or nil when it
    /// is not a NAF rév. 2 code. Accepts the dotted and undotted forms (`10.71C`, `1071C`) and
    /// a lowercase letter.
    public static func canonical(_ text: some StringProtocol) -> (code: String, depth: Int)? {
        let t = text.uppercased().filter { $0 != "." && $0 != " " }
        if t.count == 1, let c = t.first, NAFSections.sectionOfDivision.contains(where: { $0 == c }) { return (String(c), 0) }
        let chars = Array(t)
        guard chars.count >= 2, chars.count <= 5 else { return nil }
        var digits = 0
        while digits < chars.count, chars[digits].isASCII, chars[digits].isNumber { digits += 1 }
        guard digits >= 2, let d = Int(String(chars[0..<2])), NAFSections.sectionOfDivision[d] != nil else { return nil }
        switch (chars.count, digits) {
        case (2, 2): return (t, 1)
        case (3, 3): return (String(chars[0..<2]) + "." + String(chars[2]), 2)
        case (4, 4): return (String(chars[0..<2]) + "." + String(chars[2...3]), 3)
        case (5, 4) where chars[4].isASCII && chars[4].isLetter:
            return (String(chars[0..<2]) + "." + String(chars[2...4]), 4)
        default: return nil
        }
    }

    /// The ancestor of canonical `code` at `depth` (itself when at that depth), or nil when
    /// `depth` is finer than the code.
    public static func ancestor(of code: String, depth: Int) -> String? {
        guard let own = canonical(code), depth <= own.depth else { return nil }
        if depth == own.depth { return own.code }
        if depth == 0 { return NAFSections.section(of: code).map { String($0) } }
        let lengths = [0, 2, 4, 5, 6]      // characters of the dotted form at each depth
        return String(own.code.prefix(lengths[depth]))
    }

    /// Whether canonical `code` lies under (or is) the canonical `item` of a selection.
    public static func contains(_ item: String, _ code: String) -> Bool {
        guard let i = canonical(item) else { return false }
        return ancestor(of: code, depth: i.depth) == i.code
    }
}
