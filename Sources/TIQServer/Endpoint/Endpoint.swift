#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import Dispatch
import Synchronization
import TIQProtocol
import TIQWire

/// A JSON-RPC 2.0 endpoint on stdin/stdout or any pair of descriptors (`EndpointTransport`),
/// independent of the methods it serves.
///
/// It owns what every method shares: the framing (lines or `Content-Length`), the stdout guard
/// (`ProtocolOutput`), exactly one reply per request (`PendingReply`), batches, cancellation
/// (`$/cancelRequest`, time limits, stopping), back-pressure (`RequestSlots`), message limits,
/// the lifecycle's `exit`, and the generic router: it looks the method up in its `MethodSet`,
/// enforces the route's `MethodPolicy`, and answers inline or in a task as the route's
/// `RequestPlan` says.
///
/// One thread reads and frames the input. Inline plans are answered on that thread before the next
/// message is read, and the replies of one read leave in one write (`ReplyBuffer`); every other
/// request runs in its own task (heavy ones on the worker threads) and its reply is written
/// when it finishes, possibly out of order.
public final class Endpoint: Sendable {
    private let configuration: EndpointConfiguration
    private let methods: any MethodSet
    private let connection: Connection
    private let decoder: JSONRPCDecoder
    private let workers: WorkerPool
    /// Runs cheap requests that cannot be answered inline.
    private let cheapWorker: WorkerPool
    /// Runs `MethodExecution.shared` requests and the time limits: Swift's shared pool (nil) in
    /// `tiq serve` and `tiq lsp`; threads of its own inside a host process (the in-process
    /// tests), whose code may block the shared pool's few threads and must not starve the endpoint.
    private let sharedExecutor: (any TaskExecutor)?
    /// One slot per request allowed in flight (`maxConcurrent`).
    private let slots: RequestSlots
    /// Why and with which code the endpoint stops; set once.
    private let stopState = Mutex<(reason: StopReason, code: Int32)?>(nil)
    private let stopSignal = DispatchSemaphore(value: 0)
    /// Replies made on the reader thread, written once per read from stdin.
    private let readerReplies: ReplyBuffer

    private enum StopReason { case exitNotification, endOfInput, terminated(Int32), outputClosed, brokenInput }

    private var registry: RequestRegistry { connection.registry }
    private var output: ProtocolOutput { connection.output }

    private init(configuration: EndpointConfiguration, connection: Connection, methods: any MethodSet, ownsProcess: Bool) {
        self.configuration = configuration
        self.connection = connection
        self.methods = methods
        self.decoder = JSONRPCDecoder(maxDepth: configuration.maxDepth)
        self.workers = WorkerPool(count: configuration.workers)
        self.cheapWorker = WorkerPool(count: 1, name: "tiq-cheap")
        self.sharedExecutor = ownsProcess ? nil : WorkerPool(count: 2, name: "tiq-shared")
        self.slots = RequestSlots(count: configuration.maxConcurrent)
        self.readerReplies = ReplyBuffer(output: connection.output)
    }

    /// Serves the methods `makeMethods` builds on `transport` until `exit`, the end of input or
    /// (on stdin/stdout) a signal, and returns the exit code: 0 after `shutdown` then `exit`, at
    /// the end of input or on SIGTERM/SIGINT; 1 for `exit` without `shutdown` or input whose
    /// framing is lost. On `.standardIO` it guards stdout first and handles the signals.
    public static func run(_ configuration: EndpointConfiguration, transport: EndpointTransport = .standardIO,
                           methods makeMethods: (Connection) -> any MethodSet) -> Int32 {
        ServerLog.setName(configuration.name)
        let output: ProtocolOutput
        let inputFD: Int32
        switch transport.kind {
        case .standardIO:
            output = ProtocolOutput.takeOverStdout(framing: configuration.framing)
            inputFD = 0
        case .descriptors(let input, let outputFD):
            output = ProtocolOutput(descriptor: outputFD, framing: configuration.framing)
            inputFD = input
        }
        transport.markClaimed()
        let connection = Connection(output: output, registry: RequestRegistry(), configuration: configuration)
        let endpoint = Endpoint(configuration: configuration, connection: connection, methods: makeMethods(connection),
                                ownsProcess: transport.isStandardIO)
        output.onBroken { endpoint.stop(.outputClosed, code: 0) }
        output.watchForClose(stoppable: !transport.isStandardIO)
        var signalHandlers: [TerminationSignals] = []
        if transport.isStandardIO {
            signalHandlers.append(TerminationSignals { endpoint.stop(.terminated($0), code: 0) })
            signalHandlers.append(TerminationSignals([SIGHUP, SIGUSR1], log: "handling it") { endpoint.methods.handleSignal($0) })
        }
        defer {
            for handlers in signalHandlers { handlers.cancel() }
            if !transport.isStandardIO { output.close() }
        }
        let reader = InputReader(fd: inputFD, closesAtEnd: !transport.isStandardIO,
                                 framing: configuration.framing, maxMessageBytes: configuration.maxMessageBytes,
                                 onFrame: { endpoint.handle($0) },
                                 onDrained: { endpoint.readerReplies.flush() },
                                 onEnd: {
                                     endpoint.readerReplies.flush()
                                     endpoint.stop(.endOfInput, code: endpoint.methods.endOfInputExitCode)
                                 })
        reader.start()
        endpoint.stopSignal.wait()
        let code = endpoint.drain()
        // On stdin/stdout the process ends next; elsewhere the endpoint's threads end with it.
        if !transport.isStandardIO { endpoint.shutDownThreads() }
        return code
    }

    /// Lets the endpoint's worker threads, and those of its method set, end once their queues are empty.
    private func shutDownThreads() {
        workers.shutdown()
        cheapWorker.shutdown()
        (sharedExecutor as? WorkerPool)?.shutdown()
        methods.endpointStopped()
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
    /// At end of input every request already read is answered: the endpoint waits as long as
    /// replies keep being written, and cancels what is left (-32800, reason `stopping`) once
    /// none has been written for half a second, so a pipelined script gets all its replies and
    /// a long request cannot hold the exit. At `exit`, requests get 0.1 s before being cancelled.
    private func drain() -> Int32 {
        guard let (reason, code) = stopState.withLock({ $0 }) else { return 1 }
        switch reason {
        case .endOfInput, .brokenInput: waitWhileReplying(stallMs: 500)
        case .exitNotification: waitForIdle(upToMs: 100)
        case .terminated, .outputClosed: break
        }
        if registry.unansweredCount > 0 {
            ServerLog.info("stopping: cancelling \(registry.inFlightCount) request(s) in flight")
            registry.cancelAll(reason: .stopping)
            // Replies cannot be written once the client closed its end: do not wait for them.
            if case .outputClosed = reason {} else { waitForIdle(upToMs: 1000) }
        }
        // Replies the reader thread answered inline but had not written yet (it was stopped in
        // the middle of a read's messages) leave now; the buffer's lock orders this with the reader.
        readerReplies.flushIfAvailable()
        switch reason {
        case .endOfInput: ServerLog.info("end of input; exiting")
        case .brokenInput: ServerLog.info("the input's framing is lost; exiting")
        case .exitNotification: ServerLog.info("exit (code \(code))")
        case .terminated(let signal): ServerLog.info("\(TerminationSignals.name(of: signal)); exiting")
        case .outputClosed: ServerLog.info("the client closed stdout; exiting")
        }
        return code
    }

    private func waitForIdle(upToMs ms: Int) {
        let deadline = ContinuousClock.now + .milliseconds(ms)
        while registry.unansweredCount > 0 && ContinuousClock.now < deadline {
            usleepMs(5)
        }
    }

    /// Waits until nothing is left to answer, or until no reply was written for `stallMs`.
    private func waitWhileReplying(stallMs: Int) {
        var remaining = registry.unansweredCount
        var lastProgress = ContinuousClock.now
        while remaining > 0 {
            usleepMs(5)
            let now = registry.unansweredCount
            if now < remaining {
                remaining = now
                lastProgress = .now
            } else if ContinuousClock.now - lastProgress > .milliseconds(stallMs) {
                return
            }
        }
    }

    // MARK: - Reading

    /// Handles one frame (called on the reader thread, in arrival order).
    private func handle(_ frame: Frame) {
        switch frame {
        case .oversize(let seen):
            let limit = configuration.maxMessageBytes
            readerReplies.append(OutgoingMessage.failure(id: .null, error: .invalidRequest(
                "message too large: a message of more than \(limit) bytes (\(seen)+ seen) was skipped; \(configuration.messageLimitHint)")))
        case .broken(let reason):
            ServerLog.info("\(reason); stopping")
            readerReplies.flush()
            stop(.brokenInput, code: 1)
        case .message(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            switch decoder.decode(bytes) {
            case .single(let message):
                dispatch(message, to: .buffered(readerReplies))
            case .batch(let messages):
                let answered = messages.filter { if case .notification = $0 { false } else { true } }.count
                let batch = answered > 0 ? BatchReply(count: answered, maxBytes: 4 * configuration.maxMessageBytes, output: output) : nil
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
        let arrival = ContinuousClock.now
        switch message {
        case .invalid(let id, let error):
            guard let destination else { return }
            PendingReply(id: id, method: "(invalid message)", destination: destination).fail(error)
        case .notification(let method, let params):
            handleNotification(method, params)
        case .request(let id, let method, let params):
            guard let destination else { return }
            startRequest(PendingReply(id: id, method: method, destination: destination), params, arrival: arrival)
        }
    }

    private func handleNotification(_ method: String, _ params: JSONValue?) {
        switch method {
        case "$/cancelRequest":
            guard let raw = params?["id"], let id = RequestID(raw) else {
                ServerLog.info("$/cancelRequest without a valid params.id (a string or a number); ignored")
                return
            }
            if registry.cancel(id, reason: .client) == .unknown {
                ServerLog.info("$/cancelRequest for unknown request \(id); ignored")
            }
        case "exit":
            readerReplies.flush()
            stop(.exitNotification, code: methods.exitCode)
        default:
            methods.notify(method, params)
        }
    }

    // MARK: - Requests

    /// The generic router: refusal, method lookup, the route's policy, then its plan.
    private func startRequest(_ reply: PendingReply, _ rawParams: JSONValue?, arrival: ContinuousClock.Instant) {
        let method = reply.method
        if let refusal = methods.refusal(of: method) {
            reply.fail(refusal)
            return
        }
        guard let route = methods.route(for: method) else {
            reply.fail(ResponseError(.methodNotFound, "method `\(method)` not found; methods are: \(methods.methodNames.joined(separator: ", "))"))
            return
        }
        let request: IncomingRequest
        let plan: RequestPlan
        do {
            try Self.checkTextLimits(route.policy.textLimits, rawParams, method: method)
            let params = try Params(method: method, params: rawParams)
            let timeoutMs = try effectiveTimeout(route.policy.timing, params)
            request = IncomingRequest(id: reply.id, params: params, timeoutMs: timeoutMs, arrival: arrival)
            plan = try route.start(request)
        } catch {
            reply.fail(ErrorMapping.responseError(for: error, method: method, cancelled: nil))
            return
        }
        switch plan {
        case .inline(let respond):
            answerInline(reply, respond)
        case .task(let execution, let work, let finally):
            startTask(reply, request, execution, work, finally)
        }
    }

    /// Refuses a string param longer than its bound, before anything else reads it.
    private static func checkTextLimits(_ limits: [TextLimit], _ rawParams: JSONValue?, method: String) throws(ResponseError) {
        for limit in limits {
            guard case .string(let text)? = rawParams?[limit.field], text.utf8.count > limit.maxBytes else { continue }
            throw ResponseError(.invalidParams, "`params.\(limit.field)` of `\(method)` is \(text.utf8.count) bytes long, above the limit of \(limit.maxBytes) (\(limit.option)); \(limit.fix)",
                                data: .object(["reason": .string(limit.reason), limit.option.optionDataKey: .number(limit.maxBytes)]))
        }
    }

    /// The request's time limit: the operator's `timeoutMs` is a ceiling that `params.timeoutMs`
    /// may lower but not raise (0 or a larger value gets the ceiling).
    private func effectiveTimeout(_ timing: MethodTiming, _ params: Params) throws(ResponseError) -> Int {
        guard case .limited = timing else { return 0 }
        let ceiling = configuration.timeoutMs
        let asked = try params.optionalInt("timeoutMs") ?? 0
        if ceiling == 0 { return asked }
        return asked == 0 ? ceiling : min(asked, ceiling)
    }

    /// Answers a request on the reader thread: no task, no slot, no registry entry.
    private func answerInline(_ reply: PendingReply, _ respond: () throws -> [UInt8]) {
        if registry.isInFlight(reply.id) {
            reply.fail(.invalidRequest("id \(reply.id) is already used by a request in flight; give each request its own id"))
            return
        }
        do {
            reply.succeed(try respond())
        } catch {
            reply.fail(ErrorMapping.responseError(for: error, method: reply.method, cancelled: nil))
        }
        registry.servedInline()
    }

    /// Runs a request in a task: takes a slot (waiting for one: back-pressure), registers it for
    /// cancellation, and starts its timer.
    private func startTask(_ pending: PendingReply, _ request: IncomingRequest, _ execution: MethodExecution,
                           _ work: @escaping @Sendable () async throws -> [UInt8], _ finally: (@Sendable () -> Void)?) {
        // Replies of tasks go straight out, not through the reader's buffer.
        let reply = pending.writingDirectly(to: output)
        // Back-pressure: with `maxConcurrent` requests unanswered, reading stops here until
        // one is answered; a client that writes without reading fills its pipe and waits.
        if !slots.tryAcquire() {
            readerReplies.flush()
            slots.acquire()
        }
        // Inline methods that cannot run inline get a thread of their own, with the stack for
        // the deepest query nesting allowed, so that they never queue behind slow queries.
        let executor: (any TaskExecutor)? = switch execution {
        case .shared: sharedExecutor
        case .inline: cheapWorker
        case .workers: workers
        }
        let run = RequestRun()
        let id = reply.id
        // A cancel while the request still waits for a thread answers it at once.
        let answerQueued: @Sendable (CancelReason) -> Void = { [self] reason in
            guard run.leaveQueue(to: .answered) else { return }
            complete(reply, run, .failure(ErrorMapping.responseError(for: CancellationError(), method: reply.method, cancelled: reason)))
        }
        let started = registry.start(id, onCancel: answerQueued) {
            Task(executorPreference: executor) {
                if run.leaveQueue(to: .running) { await self.execute(reply, run, work) }
                finally?()
            }
        }
        guard started else {
            slots.release()
            finally?()
            reply.fail(.invalidRequest("id \(id) is already used by a request in flight; give each request its own id"))
            return
        }
        // The timer runs on the shared pool: the workers may all be busy with the very work it
        // must stop. The time counts from the request's arrival, queued time included.
        let timeoutMs = request.timeoutMs
        if timeoutMs > 0 {
            let registry = self.registry
            run.setTimer(Task(executorPreference: sharedExecutor ?? globalConcurrentExecutor) {
                try? await Task.sleep(until: request.arrival + .milliseconds(timeoutMs), clock: .continuous)
                if !Task.isCancelled { registry.cancel(id, reason: .timeout(ms: timeoutMs)) }
            })
        }
    }

    private func execute(_ reply: PendingReply, _ run: RequestRun, _ work: @Sendable () async throws -> [UInt8]) async {
        let outcome: Result<[UInt8], ResponseError>
        do {
            outcome = .success(try await work())
        } catch {
            outcome = .failure(ErrorMapping.responseError(for: error, method: reply.method, cancelled: registry.cancelReason(reply.id)))
        }
        complete(reply, run, outcome)
    }

    /// Answers a request run in a task and frees its place.
    private func complete(_ reply: PendingReply, _ run: RequestRun, _ outcome: Result<[UInt8], ResponseError>) {
        run.finish()
        // Leave the registry first, so a client reading this reply then asking `status` sees it counted.
        registry.finish(reply.id)
        switch outcome {
        case .success(let result): reply.succeed(result)
        case .failure(let error): reply.fail(error)
        }
        registry.replyWritten()
        slots.release()
    }
}

extension String {
    /// `--max-query-bytes` → `maxQueryBytes`: the `data` key naming a limit's option.
    fileprivate var optionDataKey: String {
        var out = ""
        var upper = false
        for c in drop(while: { $0 == "-" }) {
            if c == "-" { upper = true; continue }
            out += upper ? c.uppercased() : String(c)
            upper = false
        }
        return out
    }
}

/// Sleeps the calling thread for `ms` milliseconds.
func usleepMs(_ ms: Int) {
    POSIXIO.sleep(milliseconds: ms)
}
