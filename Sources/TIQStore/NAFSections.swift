/// The NAF rév. 2 sections and the divisions (first two digits of an activity code) each one
/// holds: the one place where importers turn an APE/NAF code into a section, and a section
/// into the groups tiq reports (`industry` = sections B to E, `manufacturing` = C).
///
/// The table is data: one line per section, `letter first-last[,first-last…]` over divisions.
public enum NAFSections {
    /// The published structure of NAF rév. 2 (INSEE), by division.
    static let table = """
        A 01-03
        B 05-09
        C 10-33
        D 35
        E 36-39
        F 41-43
        G 45-47
        H 49-53
        I 55-56
        J 58-63
        K 64-66
        L 68
        M 69-75
        N 77-82
        O 84
        P 85
        Q 86-88
        R 90-93
        S 94-96
        T 97-98
        U 99
        """

    /// The sector groups that become separate indicators: `<prefix>_<suffix>`, with the
    /// sections each one sums.
    public static let groups: [(suffix: String, sections: Set<Character>)] = [
        ("industry", ["B", "C", "D", "E"]),
        ("manufacturing", ["C"]),
    ]

    /// Division number (0…99) → section letter; nil where NAF rév. 2 has no division (04, 34, …).
    static let sectionOfDivision: [Character?] = {
        var out = [Character?](repeating: nil, count: 100)
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let letter = parts[0].first!
            for range in parts[1].split(separator: ",") {
                let bounds = range.split(separator: "-").map { Int($0)! }
                for d in bounds[0]...(bounds.count > 1 ? bounds[1] : bounds[0]) { out[d] = letter }
            }
        }
        return out
    }()

    /// The section of an activity code as published: `10.71C`, `1071C`, `1071C Boulangerie…`,
    /// `10` (a division); nil when the code does not start with a NAF rév. 2 division.
    public static func section(of code: some StringProtocol) -> Character? {
        var digits: [Int] = []
        for c in code.utf8 {
            if c == 32 || c == 9 { if digits.isEmpty { continue } else { break } }
            guard c >= 48 && c <= 57 else { break }
            digits.append(Int(c - 48))
            if digits.count == 2 { break }
        }
        guard digits.count == 2 else { return nil }
        return sectionOfDivision[digits[0] * 10 + digits[1]]
    }

    /// For a section (or nil), whether each of `groups` holds it, in order.
    public static func membership(of section: Character?) -> [Bool] {
        groups.map { g in section.map { g.sections.contains($0) } ?? false }
    }
}
