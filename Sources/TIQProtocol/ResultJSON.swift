import TIQCore
import TIQEngine
import TIQWire

/// The `query` method's result encoding, for other front ends (`tiq query --format json`), so the
/// command line and the daemon write the same JSON from the same code.
public enum ResultJSON {
    /// The result object of `query` (layout `rows`, every row): `{format, columns, rows, rowCount,
    /// truncated, periods, statuses, coverage, level, warnings, elapsedMs, snapshot}`.
    public static func text(_ table: ResultTable, elapsedMs: Double, snapshot: Int) -> String {
        var w = JSONWriter(capacity: 64 + table.cellCount * 8)
        w.beginObject()
        ResultTableJSON(table: table, format: .rows, limit: nil).write(into: &w, elapsedMs: elapsedMs, snapshot: snapshot)
        w.endObject()
        return w.text
    }

    /// Diagnostics as the protocol writes them (`error.data.diagnostics`, `check`'s result): a JSON array.
    public static func diagnostics(_ diagnostics: [Diagnostic]) -> JSONValue {
        DiagnosticJSON.array(diagnostics)
    }
}
