import TIQEngine
import TIQProtocol
import TIQWire

/// `query {q, format?, limit?, timeoutMs?}` → `QueryResult`, the result table (protocol.md, "query").
///
/// Runs on the worker threads; `timeoutMs` (or the daemon's `--timeout-ms`) cancels it. A query
/// known to be fast (`FastQueries`) is answered on the reader thread with `respond`.
enum QueryMethod: MethodHandler {
    static let method = "query"
    static let execution = MethodExecution.workers

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        try respond(request)
    }

    /// Runs the query synchronously.
    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let params = try QueryParams(request.params)
        let clock = ContinuousClock()
        let start = clock.now
        let maxCells = request.server.configuration.maxResultCells
        let table = try request.engine.run(params.q, options: QueryOptions(maxCells: maxCells))
        // `format: "long"` (or "wide") reshapes the table: the cells sent are those of the new
        // layout, which a long table multiplies, so the limit applies to them too.
        let laidOut = ResultTableJSON(table: table, format: params.format, limit: params.limit)
        guard laidOut.table.cellCount <= maxCells else {
            throw QueryFailure.resultTooLarge(cells: laidOut.table.cellCount, limit: maxCells)
        }
        let elapsed = clock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return QueryResult(table: laidOut, elapsedMs: ms, snapshot: request.snapshot.id).jsonBytes
    }
}
