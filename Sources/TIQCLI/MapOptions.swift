/// What `--format map` draws: the value column, the classes, the TI perimeters, and where the
/// contours come from.
public struct MapOptions: Sendable, Equatable {
    /// The column to map (`g`, or `emploi_ind@2020` for one period of a series); nil: the
    /// only number column, or the last period of the only series column.
    public var column: String?
    /// Given class breaks (inner bounds, increasing); nil: quantiles.
    public var breaks: [Double]?
    /// The number of quantile classes (2-9, default 5).
    public var classes = 5
    /// The TI level whose member territories are outlined (`ti1`, `ti2`), or nil for none.
    public var tiLevel: String? = "ti1"
    /// The dataset directory holding `contours-LEVEL.txt`; nil: the demo's embedded contours.
    public var contoursDirectory: String?
    /// The codes (at the answer's level) of the territories in a TI of `tiLevel`, filled by
    /// `QueryExecution` from the snapshot's links; nil when the level has no link to it.
    public var tiMembers: Set<String>?

    /// Creates the default options.
    public init() {}

    /// The map options of `tiq query` and `tiq run`, declared once for both.
    static let specs: [OptionSpec] = [
        .option("--column", "C", "map: the column to map (default: the only number column, or the last period\nof the only series; `x@2020` picks a period)"),
        .option("--breaks", "B", "map: class bounds, increasing, e.g. 0,10,50 (default: quantiles)"),
        .option("--classes", "K", "map: the number of quantile classes, 2-9 (default 5)"),
        .option("--ti", "L", "map: outline the member territories of the TIs of ti1 (default), ti2, or none"),
    ]

    /// Reads `--column`, `--breaks`, `--classes` and `--ti`.
    static func read(_ args: inout ArgumentReader, command: String) throws -> MapOptions {
        var m = MapOptions()
        m.column = try args.option("--column")
        if let text = try args.option("--breaks") {
            let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: " ")) }
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                throw UsageError("--breaks takes numbers separated by commas, e.g. 0,10,50, got `\(text)`", command: command)
            }
            let values = parts.map { $0! }
            guard zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw UsageError("--breaks must increase, got `\(text)`", command: command)
            }
            m.breaks = values
        }
        if let k = try args.intOption("--classes") {
            guard (2...9).contains(k) else { throw UsageError("--classes takes 2 to 9, got \(k)", command: command) }
            m.classes = k
        }
        if let ti = try args.option("--ti") {
            guard ["ti1", "ti2", "none"].contains(ti) else { throw UsageError("--ti is ti1, ti2 or none, got `\(ti)`", command: command) }
            m.tiLevel = ti == "none" ? nil : ti
        }
        return m
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
