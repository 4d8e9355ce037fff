extension AggregateRule {
    /// Reads the `aggregate` column of `indicators.csv`: `sum`, `ratio(num,den)`, `mean`,
    /// `mean weight <attr>` or `none` (case-insensitive, spaces allowed around the parts).
    public init?(parsing text: String) {
        let t = text.trimmingASCIISpaces().lowercased()
        switch t {
        case "sum": self = .sum
        case "mean": self = .mean(weight: nil)
        case "none": self = .none
        default:
            if t.hasPrefix("ratio") {
                var rest = t.dropFirst(5).drop { $0 == " " }
                guard rest.first == "(", rest.last == ")" else { return nil }
                rest = rest.dropFirst().dropLast()
                let parts = rest.split(separator: ",", omittingEmptySubsequences: false)
                    .map { String($0).trimmingASCIISpaces() }
                guard parts.count == 2, parts.allSatisfy(\.isTQLIdentifier) else { return nil }
                self = .ratio(numerator: parts[0], denominator: parts[1])
            } else {
                let words = t.split(separator: " ")
                guard words.count == 3, words[0] == "mean", words[1] == "weight", String(words[2]).isTQLIdentifier else { return nil }
                self = .mean(weight: String(words[2]))
            }
        }
    }
}
