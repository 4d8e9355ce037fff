import TIQCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQEngine
import TIQProtocol
import TIQStore
import TIQWire

/// The methods of `tiq serve`, plugged into the `Endpoint`: the table of handlers, their
/// policies, the lifecycle, and the daemon's scheduling rules (which requests may be answered
/// inline, which wait for a `load`, which queries are known to be fast).
final class DaemonMethods: MethodSet {
    private let services: ServerServices
    private let table: MethodTable
    /// Queries known to be fast enough to answer on the reader thread.
    private let fastQueries: FastQueries
    /// Runs SIGHUP reloads, off the cooperative pool.
    private let reloadWorker = WorkerPool(count: 1, name: "tiq-reload")
    /// The bound on `params.q`, the same for every method.
    private let queryLimit: TextLimit

    init(configuration: ServerConfiguration, snapshot: Snapshot, connection: Connection) {
        let table = MethodTable(testMethods: configuration.testMethods)
        self.table = table
        self.fastQueries = FastQueries(inlineBelow: .microseconds(configuration.inlineQueryMicroseconds))
        let services = ServerServices(configuration: configuration, snapshots: SnapshotStore(initial: snapshot, maxQueryDepth: configuration.maxQueryDepth),
                                      connection: connection, methodNames: table.names)
        self.services = services
        self.queryLimit = TextLimit(field: "q", maxBytes: configuration.maxQueryBytes, option: "--max-query-bytes",
                                    reason: "queryTooLong", fix: "shorten the query")
    }

    var methodNames: [String] { table.names }

    func route(for method: String) -> Route? {
        guard let handler = table.handler(for: method) else { return nil }
        // Every request accepts `timeoutMs`, and `q` is bounded whatever the method.
        return Route(MethodPolicy(execution: handler.execution, timing: .limited, textLimits: [queryLimit])) { [self] request in
            plan(handler, request)
        }
    }

    func refusal(of method: String) -> ResponseError? {
        guard services.lifecycle.withLock({ $0.shutdownRequested }) else { return nil }
        return .invalidRequest("the server is shutting down after `shutdown`; send the `exit` notification")
    }

    func notify(_ method: String, _ params: JSONValue?) {
        // Notifications never get a reply, not even an error.
        if method != "initialized" && !method.hasPrefix("$/") {
            ServerLog.info("notification `\(method)` ignored: send it with an `id` to get a reply")
        }
    }

    var exitCode: Int32 { services.lifecycle.withLock { $0.shutdownRequested } ? 0 : 1 }

    // MARK: - Signals

    /// SIGHUP reloads the dataset the daemon was started with (`--data`, `--snapshot` or the
    /// demo), ordered like a `load`; SIGUSR1 writes a status line to stderr.
    func endpointStopped() { reloadWorker.shutdown() }

    func handleSignal(_ signal: Int32) {
        switch signal {
        case SIGHUP: reload()
        case SIGUSR1:
            let s = services
            ServerLog.info("status: snapshot \(s.snapshots.current.id) (\(s.snapshots.current.origin)), \(s.registry.inFlightCount) in flight, \(s.registry.servedCount) served, uptime \(s.uptimeMs) ms, resident \(ResidentMemory.recentResidentBytes().map(String.init) ?? "unknown") bytes")
        default: break
        }
    }

    /// Reloads the dataset on its own thread, after any `load` before it; requests arriving
    /// meanwhile read its outcome. A failure keeps the snapshot in service and says why.
    private func reload() {
        let snapshots = services.snapshots
        let configuration = services.configuration
        let turn = snapshots.registerLoad()
        Task(executorPreference: reloadWorker) {
            await turn.previous?.wait()
            defer { snapshots.loadFinished(turn) }
            let id = snapshots.reserveSnapshotID()
            do {
                let snapshot = try MemoryBudget.$current.withValue(configuration.memoryBudget) { try SnapshotSource.reload(configuration, id: id) }
                snapshots.install(snapshot)
                ServerLog.info("SIGHUP: reloaded \(snapshot.origin) as snapshot \(snapshot.id)")
            } catch {
                ServerLog.info("SIGHUP: the reload failed, snapshot \(snapshots.current.id) stays in service: \(error)")
            }
        }
    }

    // MARK: - Scheduling

    /// How to answer one request of `handler`: inline when it is cheap and need not wait, else
    /// in a task ordered against loads (see `SnapshotStore`).
    private func plan(_ handler: any MethodHandler.Type, _ request: IncomingRequest) -> RequestPlan {
        let services = self.services
        let budget = services.configuration.memoryBudget
        if handler.execution == .inline, let inline = handler as? any InlineMethodHandler.Type,
           let engine = inlineEngine(waitsForLoads: inline.waitsForLoads, usesNames: inline.usesNames) {
            let context = RequestContext(id: request.id, params: request.params, engine: engine, server: services, inline: true)
            return .inline { try MemoryBudget.$current.withValue(budget) { try inline.respond(context) } }
        }
        if handler == QueryMethod.self, let engine = inlineEngine(waitsForLoads: true, usesNames: true),
           let key = fastQueryKey(request.params.rawObject, snapshot: engine.snapshot),
           fastQueries.isFast(key, memoEvictions: engine.cacheStatistics.series.evictions) {
            let context = RequestContext(id: request.id, params: request.params, engine: engine, server: services, inline: true)
            return .inline { try MemoryBudget.$current.withValue(budget) { try self.timingQuery(key, engine) { try QueryMethod.respond(context) } } }
        }
        let snapshots = services.snapshots
        switch handler.access {
        case .read:
            let ticket = snapshots.readTicket()
            return .task(handler.execution, work: { try await self.run(handler, request, ticket) })
        case .write:
            let turn = snapshots.registerLoad()
            return .task(handler.execution, work: {
                await turn.previous?.wait()
                return try await self.run(handler, request, .ready(snapshots.currentEngine))
            }, finally: { snapshots.loadFinished(turn) })
        }
    }

    /// Runs a request in its task, on the snapshot its ticket names.
    private func run(_ handler: any MethodHandler.Type, _ request: IncomingRequest, _ ticket: SnapshotStore.Ticket) async throws -> [UInt8] {
        try await MemoryBudget.$current.withValue(services.configuration.memoryBudget) {
            try await runBound(handler, request, ticket)
        }
    }

    /// `run` once the memory budget (`--max-memory`) is bound to the task.
    private func runBound(_ handler: any MethodHandler.Type, _ request: IncomingRequest, _ ticket: SnapshotStore.Ticket) async throws -> [UInt8] {
        try Task.checkCancellation()
        let engine = await services.snapshots.engine(for: ticket)
        let context = RequestContext(id: request.id, params: request.params, engine: engine, server: services)
        if handler == QueryMethod.self, let key = fastQueryKey(request.params.rawObject, snapshot: engine.snapshot) {
            return try timingQuery(key, engine) { try QueryMethod.respond(context) }
        }
        return try await handler.handle(context)
    }

    /// The engine (and snapshot) a cheap request may be answered from on the reader thread
    /// without waiting, or nil when it must wait: for a `load` still running (unless it reads no
    /// snapshot), or for the name index a snapshot file builds in the background (if it searches names).
    private func inlineEngine(waitsForLoads: Bool, usesNames: Bool) -> Engine? {
        let engine: Engine
        if !waitsForLoads {
            engine = services.snapshots.currentEngine
        } else if case .ready(let e) = services.snapshots.readTicket() {
            engine = e
        } else {
            return nil
        }
        return !usesNames || engine.snapshot.namesAreReady ? engine : nil
    }

    /// The `FastQueries` key of a `query` request: its text, format and limit.
    private func fastQueryKey(_ rawParams: JSONValue?, snapshot: Snapshot) -> FastQueries.Key? {
        guard case .string(let q)? = rawParams?["q"] else { return nil }
        return fastQueries.key(text: q, format: rawParams?["format"]?.jsonText, limit: rawParams?["limit"]?.jsonText,
                               snapshot: snapshot.id)
    }

    /// Runs `body` (a query's work) and, when it succeeds, records how long it took.
    private func timingQuery(_ key: FastQueries.Key, _ engine: Engine, _ body: () throws -> [UInt8]) throws -> [UInt8] {
        let evictions = engine.cacheStatistics.series.evictions
        let start = ContinuousClock.now
        let result = try body()
        fastQueries.record(key, took: .now - start, memoEvictions: evictions)
        return result
    }
}
