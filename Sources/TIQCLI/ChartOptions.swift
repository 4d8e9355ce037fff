/// What a chart says around its data: a title, a subtitle, the source and notes.
///
/// `tiq query` and `tiq run` fill it from `--title`, `--subtitle`, `--source` and `--note`; when
/// no source is given, it is the catalog's source of the indicators the query names (the demo
/// says `synthetic`).
public struct ChartOptions: Sendable, Equatable {
    /// The heading; defaults to the measures drawn.
    public var title: String?
    /// A line under the title.
    public var subtitle: String?
    /// Where the data comes from, printed under the chart as `Source: …`.
    public var source: String?
    /// Notes printed under the source, one line each.
    public var notes: [String]
    /// What a map (`--format map`) draws: column, classes, TI outline, contours.
    public var map = MapOptions()

    /// Creates options; everything optional.
    public init(title: String? = nil, subtitle: String? = nil, source: String? = nil, notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.notes = notes
    }

    /// The chart options of `tiq query` and `tiq run`, declared once for both.
    static let specs: [OptionSpec] = [
        .option("--title", "T", "the heading of an svg chart or map (default: the measures drawn)"),
        .option("--subtitle", "T", "a line under the title of an svg chart or map"),
        .option("--source", "T", "`Source: T` under an svg chart or map (default: the catalog's source of the\nindicators the query names; the demo says synthetic)"),
        .option("--note", "T", "a `Note: T` line under an svg chart or map", repeatable: true),
    ] + MapOptions.specs

    /// Reads `--title`, `--subtitle`, `--source`, `--note` (repeatable) and the map options.
    static func read(_ args: inout ArgumentReader, command: String) throws -> ChartOptions {
        var options = ChartOptions(title: try args.option("--title"), subtitle: try args.option("--subtitle"),
                                   source: try args.option("--source"), notes: try args.options("--note"))
        options.map = try MapOptions.read(&args, command: command)
        return options
    }
}
