import Foundation
import TIQCore
import TIQEngine
import TIQWire

/// The Language Server Protocol loop of `tiq lsp`: reads framed messages on stdin, keeps the open
/// `.tiq` documents, and answers on stdout. Single-threaded: requests are answered in order.
final class LSPServer {
    private var reader = LSPMessageReader()
    private let writer = LSPMessageWriter()
    private let loader: LSPEngineLoader
    private var documents: [String: String] = [:]
    private var initialized = false
    private var shutdownRequested = false

    /// Creates a server whose engine comes from `loader`.
    init(loader: LSPEngineLoader) { self.loader = loader }

    /// Serves until `exit` or the end of input; returns the exit code (0 after `shutdown`, else 1).
    func run() -> Int32 {
        while true {
            let body: [UInt8]?
            do {
                body = try reader.next()
            } catch {
                printError("tiq lsp: \(error.description); stopping")
                return ExitCode.failure
            }
            guard let body else { return shutdownRequested ? ExitCode.success : ExitCode.failure }
            let message: JSONValue
            do {
                message = try JSONParser.parse(body)
            } catch {
                send(.object([JSONMember("jsonrpc", .string("2.0")), JSONMember("id", .null),
                              JSONMember("error", errorObject(LSPError(code: -32700, message: "the message is not JSON: \(error)")))]))
                continue
            }
            if let code = handle(message) { return code }
        }
    }

    /// Handles one message; returns an exit code when the server must stop.
    private func handle(_ message: JSONValue) -> Int32? {
        guard let method = message["method"]?.stringValue else { return nil }  // a reply to us: none expected
        let params = message["params"] ?? .object([])
        guard let id = message["id"] else {
            if method == "exit" { return shutdownRequested ? ExitCode.success : ExitCode.failure }
            notification(method, params)
            return nil
        }
        do {
            let result = try request(method, params)
            send(.object([JSONMember("jsonrpc", .string("2.0")), JSONMember("id", id), JSONMember("result", result)]))
        } catch {
            send(.object([JSONMember("jsonrpc", .string("2.0")), JSONMember("id", id), JSONMember("error", errorObject(error))]))
        }
        return nil
    }

    private func request(_ method: String, _ params: JSONValue) throws(LSPError) -> JSONValue {
        if method == "initialize" {
            initialized = true
            return Self.initializeResult
        }
        guard initialized else { throw LSPError(code: -32002, message: "send `initialize` first") }
        guard !shutdownRequested else { throw LSPError(code: -32600, message: "the server is shutting down; send `exit`") }
        switch method {
        case "shutdown":
            shutdownRequested = true
            return .null
        case "textDocument/completion":
            let (text, line, character) = try documentPosition(params)
            return try features().completion(in: text, line: line, character: character)
        case "textDocument/hover":
            let (text, line, character) = try documentPosition(params)
            return try features().hover(in: text, line: line, character: character)
        case "workspace/executeCommand":
            return try executeCommand(params)
        default:
            throw LSPError(code: -32601, message: "`\(method)` is not supported by tiq lsp")
        }
    }

    private func notification(_ method: String, _ params: JSONValue) {
        switch method {
        case "textDocument/didOpen":
            guard let uri = params["textDocument"]?["uri"]?.stringValue, let text = params["textDocument"]?["text"]?.stringValue else { return }
            documents[uri] = text
            publishDiagnostics(uri)
        case "textDocument/didChange":
            guard let uri = params["textDocument"]?["uri"]?.stringValue,
                  let text = params["contentChanges"]?.arrayValue?.last?["text"]?.stringValue else { return }
            documents[uri] = text  // full synchronisation: each change carries the whole text
            publishDiagnostics(uri)
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.stringValue else { return }
            documents[uri] = nil
            sendNotification("textDocument/publishDiagnostics", .object([JSONMember("uri", .string(uri)), JSONMember("diagnostics", .array([]))]))
        default:
            return  // initialized, $/cancelRequest, $/setTrace, didSave…: nothing to do
        }
    }

    private func publishDiagnostics(_ uri: String) {
        guard let text = documents[uri] else { return }
        let diagnostics: JSONValue
        switch loader.engine() {
        case .success(let engine):
            diagnostics = LSPLanguageFeatures(engine: engine).diagnostics(of: text)
        case .failure(let failure):
            diagnostics = .array([.object([
                JSONMember("range", LSPLanguageFeatures.range(0, 0, in: text)),
                JSONMember("severity", .number(1)), JSONMember("source", .string("tiq")),
                JSONMember("message", .string("tiq lsp cannot load its dataset: \(failure.description)")),
            ])])
        }
        sendNotification("textDocument/publishDiagnostics", .object([JSONMember("uri", .string(uri)), JSONMember("diagnostics", diagnostics)]))
    }

    private func executeCommand(_ params: JSONValue) throws(LSPError) -> JSONValue {
        let command = params["command"]?.stringValue ?? ""
        guard command == LSPLanguageFeatures.runQueryCommand else {
            throw .invalidParams("unknown command `\(command)`; tiq lsp has `\(LSPLanguageFeatures.runQueryCommand)`")
        }
        let arguments = params["arguments"]?.arrayValue ?? []
        guard arguments.count == 2, let uri = arguments[0].stringValue, let line = arguments[1].intValue, line >= 0 else {
            throw .invalidParams("`\(command)` takes [uri, line]: the document and a 0-based line inside the query to run")
        }
        let text = try document(uri)
        let name = uri.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) } ?? "query"
        return .string(try features().runQuery(in: text, line: line, name: name))
    }

    // MARK: - Helpers

    private func features() throws(LSPError) -> LSPLanguageFeatures {
        switch loader.engine() {
        case .success(let engine): return LSPLanguageFeatures(engine: engine)
        case .failure(let failure): throw .requestFailed("tiq lsp cannot load its dataset: \(failure.description)")
        }
    }

    /// The text of `uri`: the open document, else the file on disk for a `file://` URI.
    private func document(_ uri: String) throws(LSPError) -> String {
        if let text = documents[uri] { return text }
        if uri.hasPrefix("file://"), let path = String(uri.dropFirst("file://".count)).removingPercentEncoding,
           let data = FileManager.default.contents(atPath: path) {
            return String(decoding: data, as: UTF8.self)
        }
        throw .invalidParams("the document `\(uri)` is not open and cannot be read")
    }

    private func documentPosition(_ params: JSONValue) throws(LSPError) -> (String, Int, Int) {
        guard let uri = params["textDocument"]?["uri"]?.stringValue,
              let line = params["position"]?["line"]?.intValue, let character = params["position"]?["character"]?.intValue,
              line >= 0, character >= 0 else {
            throw .invalidParams("expected {textDocument:{uri}, position:{line, character}}")
        }
        return (try document(uri), line, character)
    }

    private func errorObject(_ error: LSPError) -> JSONValue {
        .object([JSONMember("code", .number(error.code)), JSONMember("message", .string(error.message))])
    }

    private func sendNotification(_ method: String, _ params: JSONValue) {
        send(.object([JSONMember("jsonrpc", .string("2.0")), JSONMember("method", .string(method)), JSONMember("params", params)]))
    }

    private func send(_ message: JSONValue) {
        writer.send(message.jsonBytes)
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
