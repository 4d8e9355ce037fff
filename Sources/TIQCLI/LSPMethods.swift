import Foundation
import Synchronization
import TIQEngine
import TIQProtocol
import TIQServer
import TIQWire

/// The methods of `tiq lsp`, plugged into the same `Endpoint` as `tiq serve` with
/// `Content-Length` framing: the endpoint gives them the stdout guard, exactly one reply per
/// request, `$/cancelRequest`, concurrency and the lifecycle's `exit`.
///
/// Completion and hover are answered on the reader thread once the dataset is loaded; running a
/// query (`tiq.runQuery`) takes a worker and can be cancelled; the diagnostics of a changed
/// document are computed by `LSPDocuments` on a thread of their own, so a long check never
/// holds up a hover.
final class LSPMethods: MethodSet {
    private struct Lifecycle {
        var initialized = false
        var shutdownRequested = false
    }

    /// Invariant: each flag goes from false to true once.
    private let lifecycle = Mutex(Lifecycle())
    private let loader: LSPEngineLoader
    private let documents: LSPDocuments
    private let testMethods: Bool

    /// The LSP methods served.
    static let names = ["initialize", "shutdown", "textDocument/completion", "textDocument/hover", "workspace/executeCommand"]

    /// Serves the engine of `loader`; `testMethods` adds `$/test/sleep` and `$/test/print`, and
    /// `checkDelayMs` (tests only) makes every diagnostics check take at least that long.
    init(loader: LSPEngineLoader, connection: Connection, testMethods: Bool = false, checkDelayMs: Int = 0) {
        self.loader = loader
        self.testMethods = testMethods
        self.documents = LSPDocuments(loader: loader, connection: connection, checkDelayMs: checkDelayMs)
    }

    var methodNames: [String] { Self.names + (testMethods ? TestRoutes.methodNames : []) }

    var exitCode: Int32 { lifecycle.withLock { $0.shutdownRequested } ? ExitCode.success : ExitCode.failure }

    var endOfInputExitCode: Int32 { exitCode }

    func endpointStopped() { documents.stop() }

    func refusal(of method: String) -> ResponseError? {
        if method == "initialize" { return nil }
        let state = lifecycle.withLock { $0 }
        guard state.initialized else { return ResponseError(.serverNotInitialized, "send `initialize` first") }
        guard !state.shutdownRequested else { return .invalidRequest("the server is shutting down; send `exit`") }
        return nil
    }

    func notify(_ method: String, _ params: JSONValue?) {
        let params = params ?? .object([])
        switch method {
        case "textDocument/didOpen":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let text = params["textDocument"]?["text"]?.stringValue else { return }
            documents.open(uri, text: text)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.stringValue,
                  let text = params["contentChanges"]?.arrayValue?.last?["text"]?.stringValue else { return }
            documents.open(uri, text: text)  // full synchronisation: each change carries the whole text
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
            documents.close(uri)
        default:
            return  // initialized, $/setTrace, didSave…: nothing to do
        }
    }

    func route(for method: String) -> Route? {
        switch method {
        case "initialize":
            return Route(MethodPolicy(execution: .inline, timing: .untimed)) { [self] _ in
                lifecycle.withLock { $0.initialized = true }
                return .inline { Self.initializeResult.jsonBytes }
            }
        case "shutdown":
            return Route(MethodPolicy(execution: .inline, timing: .untimed)) { [self] _ in
                lifecycle.withLock { $0.shutdownRequested = true }
                return .inline { Array("null".utf8) }
            }
        case "textDocument/completion":
            return positionRoute { features, text, line, character in
                features.completion(in: text, line: line, character: character)
            }
        case "textDocument/hover":
            return positionRoute { features, text, line, character in
                features.hover(in: text, line: line, character: character)
            }
        case "workspace/executeCommand":
            return Route(MethodPolicy(execution: .workers, timing: .untimed)) { [self] request in
                let (uri, line) = try Self.commandArguments(request.params.rawObject)
                let text = try documents.text(of: uri)
                let name = uri.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) } ?? "query"
                return .task(.workers, work: { [self] in
                    let features = try features()
                    do {
                        return JSONValue.string(try features.runQuery(in: text, line: line, name: name)).jsonBytes
                    } catch {
                        if Task.isCancelled { throw CancellationError() }
                        throw error
                    }
                })
            }
        default:
            return testMethods ? TestRoutes.route(for: method) : nil
        }
    }

    // MARK: - Helpers

    /// A request at a document position, answered inline once the engine is loaded.
    private func positionRoute(_ answer: @escaping @Sendable (LSPLanguageFeatures, String, Int, Int) -> JSONValue) -> Route {
        Route(MethodPolicy(execution: .inline, timing: .untimed)) { [self] request in
            let (uri, line, character) = try Self.position(request.params.rawObject)
            let text = try documents.text(of: uri)
            let respond: @Sendable () throws -> [UInt8] = { [self] in answer(try features(), text, line, character).jsonBytes }
            return loader.isReady ? .inline(respond) : .task(.shared, work: respond)
        }
    }

    private func features() throws(ResponseError) -> LSPLanguageFeatures {
        switch loader.engine() {
        case .success(let engine): return LSPLanguageFeatures(engine: engine)
        case .failure(let failure): throw .requestFailed("tiq lsp cannot load its dataset: \(failure.description)")
        }
    }

    private static func position(_ params: JSONValue) throws(ResponseError) -> (String, Int, Int) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue,
              let line = params["position"]?["line"]?.intValue, let character = params["position"]?["character"]?.intValue,
              line >= 0, character >= 0 else {
            throw .invalidParams("expected {textDocument:{uri}, position:{line, character}}")
        }
        return (uri, line, character)
    }

    private static func commandArguments(_ params: JSONValue) throws(ResponseError) -> (String, Int) {
        let command = params["command"]?.stringValue ?? ""
        guard command == LSPLanguageFeatures.runQueryCommand else {
            throw .invalidParams("unknown command `\(command)`; tiq lsp has `\(LSPLanguageFeatures.runQueryCommand)`")
        }
        let arguments = params["arguments"]?.arrayValue ?? []
        guard arguments.count == 2, let uri = arguments[0].stringValue, let line = arguments[1].intValue, line >= 0 else {
            throw .invalidParams("`\(command)` takes [uri, line]: the document and a 0-based line inside the query to run")
        }
        return (uri, line)
    }

    private static let initializeResult: JSONValue = .object([
        JSONMember("capabilities", .object([
            JSONMember("textDocumentSync", .object([JSONMember("openClose", .bool(true)), JSONMember("change", .number(1))])),
            JSONMember("completionProvider", .object([
                JSONMember("triggerCharacters", .array([.string("|"), .string("(")])),
                JSONMember("resolveProvider", .bool(false)),
            ])),
            JSONMember("hoverProvider", .bool(true)),
            JSONMember("executeCommandProvider", .object([
                JSONMember("commands", .array([.string(LSPLanguageFeatures.runQueryCommand)])),
            ])),
        ])),
        JSONMember("serverInfo", .object([JSONMember("name", .string("tiq")), JSONMember("version", .string(TIQVersion.string))])),
    ])
}
