import TIQCore
import TIQEngine

/// What an answer's workbook says beside its cells: the query and where the data comes from.
public struct AnswerContext: Sendable {
    /// The query text.
    public var query: String
    /// The catalog's source of each indicator the query names: `(code, source)`.
    public var sources: [(code: String, source: String)]
    /// The snapshot the answer was computed on.
    public var snapshot: Int

    /// Creates a context.
    public init(query: String = "", sources: [(code: String, source: String)] = [], snapshot: Int = 1) {
        self.query = query
        self.sources = sources
        self.snapshot = snapshot
    }
}

/// An answer as an Excel workbook of three sheets.
///
/// - `data`: the header names each column with its unit (`emploi_ind@2018 (jobs)`), a series
///   being one column per period as in CSV; numbers are numbers (`%` as percent numbers, as on
///   the wire), an absent value an empty cell, booleans TRUE/FALSE.
/// - `statuses`: the same grid, the label cells repeated and each number cell holding its status
///   when it is not a plain value (`missing`, `secret`, `na`, `estimated`, …), empty otherwise.
/// - `notes`: two columns, what and text: the query, the level, the snapshot, the coverage, each
///   warning, each indicator's source, and the meaning of each status met.
public enum XLSXFormatter {
    /// The sheet names, in tab order.
    public static let sheetNames = ["data", "statuses", "notes"]

    /// The .xlsx file of `table`.
    static func workbook(_ table: ResultTable, context: AnswerContext) throws(ZipWriter.TooLarge) -> [UInt8] {
        let (data, statuses, met) = grids(table)
        return try XLSXWorkbook(sheets: [
            (sheetNames[0], SheetXML(rows: data)),
            (sheetNames[1], SheetXML(rows: statuses)),
            (sheetNames[2], SheetXML(rows: notes(table, context: context, statuses: met))),
        ]).bytes()
    }

    /// The data and status grids, and the statuses met (in catalogue order).
    static func grids(_ table: ResultTable) -> (data: [[SheetCell]], statuses: [[SheetCell]], met: [ObservationStatus]) {
        let cells = ResultCells(table: table)
        var header: [SheetCell] = []
        for c in table.columns {
            let unit = c.unit.symbol.isEmpty || c.kind != .number && c.kind != .series ? "" : " (\(c.unit.isPercentLike && c.unit.symbol != "pp" ? "%" : c.unit.symbol))"
            switch c.kind {
            case .series: header += table.periods.map { .text("\(c.name)@\($0)" + unit) }
            case .number: header.append(.text(c.name + unit))
            case .text, .bool, .period: header.append(.text(c.name))
            }
        }
        var data = [header], statuses = [header]
        var met = Set<ObservationStatus>()
        for r in 0..<table.rowCount {
            var values: [SheetCell] = [], flags: [SheetCell] = []
            func add(_ cell: (value: Double, status: ObservationStatus), _ unit: Unit) {
                values.append(.number(unit.isPercentLike ? cell.value * 100 : cell.value))
                flags.append(cell.status == .ok ? .empty : .text(cell.status.description))
                if cell.status != .ok { met.insert(cell.status) }
            }
            for c in table.columns {
                switch c.kind {
                case .number: add(cells.number(c, row: r), c.unit)
                case .series: for t in table.periods.indices { add(cells.number(c, row: r, period: t), c.unit) }
                case .bool:
                    let cell: SheetCell = cells.text(c, row: r).map { .bool($0 == "true") } ?? .empty
                    values.append(cell)
                    flags.append(cell)
                case .text, .period:
                    let cell: SheetCell = cells.text(c, row: r).map { .text($0) } ?? .empty
                    values.append(cell)
                    flags.append(cell)
                }
            }
            data.append(values)
            statuses.append(flags)
        }
        return (data, statuses, ObservationStatus.allCases.filter(met.contains))
    }

    /// The rows of the notes sheet.
    static func notes(_ table: ResultTable, context: AnswerContext, statuses: [ObservationStatus]) -> [[SheetCell]] {
        var rows: [[SheetCell]] = [[.text("what"), .text("text")]]
        func add(_ what: String, _ text: String) { rows.append([.text(what), .text(text)]) }
        add("query", context.query)
        if let level = table.level { add("level", level) }
        add("snapshot", String(context.snapshot))
        add("coverage", TableFormatter.coverageLine(table))
        for w in table.warnings { add("warning", w.description) }
        for s in context.sources { add("source", "\(s.code): \(s.source)") }
        for s in statuses { add("status", "\(s.description): \(StatusMarker.meaning(s))") }
        return rows
    }
}
