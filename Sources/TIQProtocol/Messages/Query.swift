import TIQEngine
import TIQWire

/// `query {q, format?, limit?}` (plus `timeoutMs`, read by the endpoint).
public struct QueryParams: MethodParams {
    /// The TQL text.
    public var q: String
    /// The layout: rows (default), columns, long, wide.
    public var format: ResultFormat
    /// The most rows sent back.
    public var limit: Int?

    public init(_ p: Params) throws(ResponseError) {
        q = try p.string("q")
        format = try p.optionalChoice("format", ResultFormat.allCases.map(\.rawValue)).flatMap(ResultFormat.init) ?? .rows
        limit = try p.optionalInt("limit", in: 0...Int.max)
    }
}

/// The result of `query`: the table in its layout, `elapsedMs` and the snapshot read (protocol.md, "query").
public struct QueryResult: MethodResult {
    /// The table, laid out.
    public var table: ResultTableJSON
    /// How long the engine took.
    public var elapsedMs: Double
    /// The snapshot id.
    public var snapshot: Int

    /// A result.
    public init(table: ResultTableJSON, elapsedMs: Double, snapshot: Int) {
        self.table = table
        self.elapsedMs = elapsedMs
        self.snapshot = snapshot
    }

    public func encode(into w: inout JSONWriter) {
        w.object { w in table.write(into: &w, elapsedMs: elapsedMs, snapshot: snapshot) }
    }

    /// The result as JSON text, written into a buffer sized for the table.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter(capacity: 64 + table.table.cellCount * 8)
        encode(into: &w)
        return w.bytes
    }
}

/// `{q}`: the params of `check` and `explain`.
public struct QueryTextParams: MethodParams {
    /// The TQL text.
    public var q: String

    public init(_ p: Params) throws(ResponseError) { q = try p.string("q") }
}
