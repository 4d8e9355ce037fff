#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import TIQStore
import TIQWire

/// The `tiq serve` daemon: newline-delimited JSON-RPC 2.0 on stdin/stdout.
///
/// One thread reads and frames stdin. Cheap requests (`MethodExecution.inline`) are answered on
/// that thread before the next line is read, and the replies of one read from stdin leave in
/// one write (`ReplyBuffer`); every other request runs in its own task (heavy ones on the worker
/// threads) and its reply is written when it finishes, possibly out of order. Every reply is one
/// line, written by the single `ProtocolOutput`.
public final class Server: Sendable {
    private let services: ServerServices
    private let table: MethodTable
    private let decoder: JSONRPCDecoder
    private let workers: WorkerPool
    /// Runs cheap requests that cannot be answered inline.
    private let cheapWorker: WorkerPool
    /// One slot per request allowed in flight (`--max-concurrent`).
    private let slots: RequestSlots
    /// Why and with which code the daemon stops; set once.
    private let stopState = Mutex<(reason: StopReason, code: Int32)?>(nil)
    private let stopSignal = DispatchSemaphore(value: 0)
    /// Replies made on the reader thread, written once per read from stdin.
    private let readerReplies: ReplyBuffer
    /// Queries known to be fast enough to answer on the reader thread.
    private let fastQueries: FastQueries

    private enum StopReason { case exitNotification, endOfInput, terminated, outputClosed }

    private init(configuration: ServerConfiguration, snapshot: Snapshot, output: ProtocolOutput) {
        let table = MethodTable(testMethods: configuration.testMethods)
        self.table = table
        self.decoder = JSONRPCDecoder(maxDepth: configuration.maxDepth)
        self.workers = WorkerPool(count: configuration.workers)
        self.cheapWorker = WorkerPool(count: 1, name: "tiq-cheap")
        self.slots = RequestSlots(count: configuration.maxConcurrent)
        self.readerReplies = ReplyBuffer(output: output)
        self.fastQueries = FastQueries(inlineBelow: .microseconds(configuration.inlineQueryMicroseconds))
        self.services = ServerServices(configuration: configuration, snapshots: SnapshotStore(initial: snapshot),
                                       registry: RequestRegistry(), output: output, methodNames: table.names)
    }

    /// Guards stdout, serves `snapshot` until `exit` or the end of input, and returns the exit
    /// code: 0 after `shutdown` then `exit` or at end of input, 1 for `exit` without `shutdown`.
    public static func run(configuration: ServerConfiguration, snapshot: Snapshot) -> Int32 {
        let output = ProtocolOutput.takeOverStdout()
        let server = Server(configuration: configuration, snapshot: snapshot, output: output)
        ServerLog.info("serving \(snapshot.origin) (snapshot \(snapshot.id)) on stdin/stdout; \(configuration.workers) worker thread(s)")
        output.onBroken { server.stop(.outputClosed, code: 0) }
        let terminations = TerminationSignals { server.stop(.terminated, code: 0) }
        defer { terminations.cancel() }
        let reader = InputReader(maxLineBytes: configuration.maxMessageBytes,
                                 onLine: { server.handle($0) },
                                 onDrained: { server.readerReplies.flush() },
                                 onEnd: {
                                     server.readerReplies.flush()
                                     server.stop(.endOfInput, code: 0)
                                 })
        reader.start()
        server.stopSignal.wait()
        return server.drain()
    }

    // MARK: - Stopping

    private func stop(_ reason: StopReason, code: Int32) {
        let first = stopState.withLock { s -> Bool in
            if s != nil { return false }
            s = (reason, code)
            return true
        }
        if first { stopSignal.signal() }
    }

    /// Answers what is in flight, cancels what stalls, and returns the exit code.
    ///
    /// At end of input every request already read is answered: the daemon waits as long as
    /// replies keep being written, and cancels what is left (-32800, reason `stopping`) once
    /// none has been written for half a second, so a pipelined script gets all its replies and
    /// a long query cannot hold the exit. At `exit`, requests get 0.1 s before being cancelled.
    private func drain() -> Int32 {
        guard let (reason, code) = stopState.withLock({ $0 }) else { return 1 }
        let registry = services.registry
        switch reason {
        case .endOfInput: waitWhileReplying(stallMs: 500)
        case .exitNotification: waitForIdle(upToMs: 100)
        case .terminated, .outputClosed: break
        }
        if registry.unansweredCount > 0 {
            ServerLog.info("stopping: cancelling \(registry.inFlightCount) request(s) in flight")
            registry.cancelAll(reason: .stopping)
            // Replies cannot be written once the client closed its end: do not wait for them.
            if reason != .outputClosed { waitForIdle(upToMs: 1000) }
        }
        // Replies the reader thread answered inline but had not written yet (it was stopped in
        // the middle of a read's lines) leave now; the buffer's lock orders this with the reader.
        readerReplies.flushIfAvailable()
        switch reason {
        case .endOfInput: ServerLog.info("end of input; exiting")
        case .exitNotification: ServerLog.info("exit (code \(code))")
        case .terminated: ServerLog.info("SIGTERM; exiting")
        case .outputClosed: ServerLog.info("the client closed stdout; exiting")
        }
        return code
    }

    private func waitForIdle(upToMs ms: Int) {
        let deadline = ContinuousClock.now + .milliseconds(ms)
        while services.registry.unansweredCount > 0 && ContinuousClock.now < deadline {
            usleepMs(5)
        }
    }

    /// Waits until nothing is left to answer, or until no reply was written for `stallMs`.
    private func waitWhileReplying(stallMs: Int) {
        var remaining = services.registry.unansweredCount
        var lastProgress = ContinuousClock.now
        while remaining > 0 {
            usleepMs(5)
            let now = services.registry.unansweredCount
            if now < remaining {
                remaining = now
                lastProgress = .now
            } else if ContinuousClock.now - lastProgress > .milliseconds(stallMs) {
                return
            }
        }
    }

    // MARK: - Reading

    /// Handles one framed line (called on the reader thread, in arrival order).
    private func handle(_ line: LineFramer.Line) {
        switch line {
        case .oversize(let seen):
            let limit = services.configuration.maxMessageBytes
            readerReplies.append(OutgoingMessage.failure(id: .null, error: .invalidRequest(
                "message too large: a line of more than \(limit) bytes (\(seen)+ seen) was skipped; split the request or start tiq serve with a larger --max-message-bytes")))
        case .line(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            switch decoder.decode(bytes) {
            case .single(let message):
                dispatch(message, to: .buffered(readerReplies))
            case .batch(let messages):
                let answered = messages.filter { if case .notification = $0 { false } else { true } }.count
                let batch = answered > 0 ? BatchReply(count: answered, output: services.output) : nil
                // A batch is answered as a whole, maybe by other threads: send what is gathered first.
                readerReplies.flush()
                var slot = 0
                for message in messages {
                    if case .notification = message {
                        dispatch(message, to: nil)
                    } else if let batch {
                        dispatch(message, to: .batch(batch, index: slot))
                        slot += 1
                    }
                }
            }
        }
    }

    private func dispatch(_ message: IncomingMessage, to destination: ReplyDestination?) {
        switch message {
        case .invalid(let id, let error):
            guard let destination else { return }
            PendingReply(id: id, method: "(invalid message)", destination: destination).fail(error)
        case .notification(let method, let params):
            handleNotification(method, params)
        case .request(let id, let method, let params):
            guard let destination else { return }
            startRequest(PendingReply(id: id, method: method, destination: destination), params)
        }
    }

    private func handleNotification(_ method: String, _ params: JSONValue?) {
        switch method {
        case "$/cancelRequest":
            guard let raw = params?["id"], let id = RequestID(raw) else {
                ServerLog.info("$/cancelRequest without a valid params.id (a string or a number); ignored")
                return
            }
            if services.registry.cancel(id, reason: .client) == .unknown {
                ServerLog.info("$/cancelRequest for unknown request \(id); ignored")
            }
        case "exit":
            readerReplies.flush()
            let shutdown = services.lifecycle.withLock { $0.shutdownRequested }
            stop(.exitNotification, code: shutdown ? 0 : 1)
        case "initialized":
            break
        default:
            // Notifications never get a reply, not even an error.
            if !method.hasPrefix("$/") {
                ServerLog.info("notification `\(method)` ignored: send it with an `id` to get a reply")
            }
        }
    }

    // MARK: - Requests

    private func startRequest(_ reply: PendingReply, _ rawParams: JSONValue?) {
        let method = reply.method
        if services.lifecycle.withLock({ $0.shutdownRequested }) {
            reply.fail(.invalidRequest("the server is shutting down after `shutdown`; send the `exit` notification"))
            return
        }
        guard let handler = table.handler(for: method) else {
            reply.fail(ResponseError(.methodNotFound, "method `\(method)` not found; methods are: \(table.names.joined(separator: ", "))"))
            return
        }
        let limits = services.configuration
        if case .string(let q)? = rawParams?["q"], q.utf8.count > limits.maxQueryBytes {
            reply.fail(ResponseError(.invalidParams, "`params.q` of `\(method)` is \(q.utf8.count) bytes long, above the limit of \(limits.maxQueryBytes) (--max-query-bytes); shorten the query",
                                     data: .object(["reason": .string("queryTooLong"), "maxQueryBytes": .number(limits.maxQueryBytes)])))
            return
        }
        if method == ShutdownMethod.method {
            // Marked on arrival, so `shutdown` and `exit` sent back to back still exit with 0.
            services.lifecycle.withLock { $0.shutdownRequested = true }
        }
        let params: Params
        let timeoutMs: Int
        do {
            params = try Params(method: method, params: rawParams)
            timeoutMs = try params.optionalInt("timeoutMs") ?? services.configuration.defaultTimeoutMs
        } catch {
            reply.fail(error)
            return
        }
        if handler.execution == .inline, let inline = handler as? any InlineMethodHandler.Type,
           let snapshot = inlineSnapshot(waitsForLoads: inline.waitsForLoads, usesNames: inline.usesNames) {
            answerInline(reply, params, snapshot, inline.respond)
            return
        }
        if handler == QueryMethod.self, let snapshot = inlineSnapshot(waitsForLoads: true, usesNames: true),
           let key = fastQueryKey(rawParams, snapshot: snapshot),
           fastQueries.isFast(key, memoEvictions: snapshot.memo.evictions) {
            answerInline(reply, params, snapshot) { context in
                try timingQuery(key, snapshot) { try QueryMethod.respond(context) }
            }
            return
        }
        // Replies of tasks go straight out, not through the reader's buffer.
        let reply = reply.writingDirectly(to: services.output)
        // Back-pressure: with --max-concurrent requests unanswered, reading stops here until
        // one is answered; a client that writes without reading fills its pipe and waits.
        if !slots.tryAcquire() {
            readerReplies.flush()
            slots.acquire()
        }
        // Inline methods that cannot run inline (a load is pending, the name index is not built
        // yet) get a thread of their own, with the stack for the deepest query nesting allowed,
        // so that they never queue behind slow queries.
        let executor: (any TaskExecutor)? = switch handler.execution {
        case .shared: nil
        case .inline: cheapWorker
        case .workers: workers
        }
        let snapshots = services.snapshots
        let started: Bool
        switch handler.access {
        case .read:
            let ticket = snapshots.readTicket()
            started = services.registry.start(reply.id) {
                Task(executorPreference: executor) {
                    await self.execute(handler, reply, params, ticket, timeoutMs)
                }
            }
        case .write:
            started = services.registry.start(reply.id) {
                snapshots.registerLoad { previous, seq in
                    Task(executorPreference: executor) {
                        await previous?.value
                        await self.execute(handler, reply, params, .ready(snapshots.current), timeoutMs)
                        snapshots.loadFinished(seq: seq)
                    }
                }
            }
        }
        if !started {
            slots.release()
            reply.fail(.invalidRequest("id \(reply.id) is already used by a request in flight; give each request its own id"))
        }
    }

    /// The snapshot a cheap request may be answered from on the reader thread without waiting,
    /// or nil when it must wait: for a `load` still running (unless it reads no snapshot), or
    /// for the name index a snapshot file builds in the background (if it searches names).
    private func inlineSnapshot(waitsForLoads: Bool, usesNames: Bool) -> Snapshot? {
        let snapshot: Snapshot
        if !waitsForLoads {
            snapshot = services.snapshots.current
        } else if case .ready(let s) = services.snapshots.readTicket() {
            snapshot = s
        } else {
            return nil
        }
        return !usesNames || snapshot.namesAreReady ? snapshot : nil
    }

    /// The `FastQueries` key of a `query` request: its text, format and limit.
    private func fastQueryKey(_ rawParams: JSONValue?, snapshot: Snapshot) -> FastQueries.Key? {
        guard case .string(let q)? = rawParams?["q"] else { return nil }
        return fastQueries.key(text: q, format: rawParams?["format"]?.jsonText, limit: rawParams?["limit"]?.jsonText,
                               snapshot: snapshot.id)
    }

    /// Runs `body` (a query's work) and, when it succeeds, records how long it took.
    private func timingQuery(_ key: FastQueries.Key, _ snapshot: Snapshot, _ body: () throws -> [UInt8]) throws -> [UInt8] {
        let evictions = snapshot.memo.evictions
        let start = ContinuousClock.now
        let result = try body()
        fastQueries.record(key, took: .now - start, memoEvictions: evictions)
        return result
    }

    /// Answers a cheap request on the reader thread: no task, no slot, no registry entry.
    private func answerInline(_ reply: PendingReply, _ params: Params, _ snapshot: Snapshot,
                              _ respond: (RequestContext) throws -> [UInt8]) {
        let registry = services.registry
        if registry.isInFlight(reply.id) {
            reply.fail(.invalidRequest("id \(reply.id) is already used by a request in flight; give each request its own id"))
            return
        }
        let context = RequestContext(id: reply.id, params: params, snapshot: snapshot, server: services, inline: true)
        do {
            reply.succeed(try respond(context))
        } catch {
            reply.fail(ErrorMapping.responseError(for: error, method: reply.method, cancelled: nil))
        }
        registry.servedInline()
    }

    private func execute(_ handler: any MethodHandler.Type, _ reply: PendingReply, _ params: Params,
                         _ ticket: SnapshotStore.Ticket, _ timeoutMs: Int) async {
        let registry = services.registry
        let id = reply.id
        // The timer runs on the shared pool: the workers may all be busy with the very queries it must stop.
        let timer: Task<Void, Never>? = timeoutMs > 0 ? Task(executorPreference: globalConcurrentExecutor) {
            try? await Task.sleep(for: .milliseconds(timeoutMs))
            if !Task.isCancelled { registry.cancel(id, reason: .timeout(ms: timeoutMs)) }
        } : nil
        let outcome: Result<[UInt8], ResponseError>
        do {
            try Task.checkCancellation()
            let snapshot = await services.snapshots.snapshot(for: ticket)
            let context = RequestContext(id: id, params: params, snapshot: snapshot, server: services)
            if handler == QueryMethod.self, let key = fastQueryKey(params.rawObject, snapshot: snapshot) {
                outcome = .success(try timingQuery(key, snapshot) { try QueryMethod.respond(context) })
            } else {
                outcome = .success(try await handler.handle(context))
            }
        } catch {
            outcome = .failure(ErrorMapping.responseError(for: error, method: reply.method, cancelled: registry.cancelReason(id)))
        }
        timer?.cancel()
        // Leave the registry first, so a client reading this reply then asking `status` sees it counted.
        registry.finish(id)
        switch outcome {
        case .success(let result): reply.succeed(result)
        case .failure(let error): reply.fail(error)
        }
        registry.replyWritten()
        slots.release()
    }
}

/// Sleeps the calling thread for `ms` milliseconds.
func usleepMs(_ ms: Int) {
    var request = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}
