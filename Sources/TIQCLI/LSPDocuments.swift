import Foundation
import Synchronization
import TIQServer
import TIQWire

/// The documents open in `tiq lsp`, and their diagnostics, computed off the reader thread.
///
/// Each open or change gives the document a new generation and queues a check on one thread of
/// its own (`tiq-lsp-check`), so checks run, and publish, in the order of the edits; a check
/// whose document changed again (or closed) stops between query blocks and publishes nothing,
/// so a burst of keystrokes costs one full check, and a long one never holds up a hover.
final class LSPDocuments: Sendable {
    private struct Document {
        /// The text; empty when the document was refused for its size.
        var text: String
        var generation: Int
        /// The size of a document over `maxDocumentBytes`, which is kept out (nil otherwise).
        var refusedBytes: Int?
    }

    private struct State {
        var documents: [String: Document] = [:]
        var generation = 0
    }

    /// Invariant: generations only grow; a document's generation is the one of its last edit.
    private let state = Mutex(State())
    private let loader: LSPEngineLoader
    private let connection: Connection
    /// One thread: checks run one at a time, in the order of the edits.
    private let checker = WorkerPool(count: 1, name: "tiq-lsp-check")
    /// TEST-ONLY: the least time each check takes, to prove checks do not block requests.
    private let checkDelayMs: Int

    init(loader: LSPEngineLoader, connection: Connection, checkDelayMs: Int) {
        self.loader = loader
        self.connection = connection
        self.checkDelayMs = checkDelayMs
    }

    /// The largest document checked, in UTF-8 bytes. Every step is linear in the document, but a
    /// larger one would hold the check thread for long and is better split; its text is dropped
    /// and one diagnostic says so.
    static let maxDocumentBytes = 4 << 20

    /// Opens (or replaces) `uri` with `text` and queues its check.
    /// Lets the checking thread end once no check is queued (the endpoint stopped).
    func stop() { checker.shutdown() }

    func open(_ uri: String, text: String) {
        let size = text.utf8.count
        let refused = size > Self.maxDocumentBytes ? size : nil
        let generation = state.withLock { s -> Int in
            s.generation += 1
            s.documents[uri] = Document(text: refused == nil ? text : "", generation: s.generation, refusedBytes: refused)
            return s.generation
        }
        Task(executorPreference: checker) { self.check(uri, generation: generation) }
    }

    /// Why a document of `size` bytes is not checked.
    static func tooLarge(_ size: Int) -> String {
        "this document is \(size) bytes; tiq lsp checks documents of at most \(maxDocumentBytes) bytes (4 MiB): split it into smaller .tiq files"
    }

    /// Closes `uri`; its diagnostics are cleared after any check queued before.
    func close(_ uri: String) {
        state.withLock { $0.documents[uri] = nil }
        Task(executorPreference: checker) { self.publish(uri, .array([])) }
    }

    /// The most bytes read from disk for a document that is not open.
    static let maxFileBytes = maxDocumentBytes

    /// The text of `uri`: the open document, else, for a `file://` URI naming a regular `.tiq`
    /// file of at most `maxFileBytes`, that file. Nothing else is read (not `/proc/self/environ`),
    /// and the refusal does not say whether the path exists.
    func text(of uri: String) throws(ResponseError) -> String {
        if let document = state.withLock({ $0.documents[uri] }) {
            if let size = document.refusedBytes { throw .invalidParams(Self.tooLarge(size)) }
            return document.text
        }
        if uri.hasPrefix("file://"), let path = String(uri.dropFirst("file://".count)).removingPercentEncoding,
           path.hasSuffix(".tiq"), let data = Self.readRegularFile(path) {
            return String(decoding: data, as: UTF8.self)
        }
        throw .invalidParams("the document `\(uri.prefix(200))` is not open, and is not a readable .tiq file; open it in the editor first")
    }

    /// The bytes of `path` if it is a regular file no larger than `maxFileBytes`, read without
    /// blocking on a FIFO or a device.
    private static func readRegularFile(_ path: String) -> Data? {
        let fd = openWithoutBlocking(path)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) <= maxFileBytes else { return nil }
        return try? handle.readToEnd() ?? Data()
    }

    /// Whether `uri` is still at `generation`.
    private func isCurrent(_ uri: String, _ generation: Int) -> Bool {
        state.withLock { $0.documents[uri]?.generation == generation }
    }

    private func check(_ uri: String, generation: Int) {
        guard let document = state.withLock({ s in s.documents[uri].flatMap { $0.generation == generation ? $0 : nil } }) else { return }
        if let size = document.refusedBytes {
            publish(uri, .array([Self.documentDiagnostic(Self.tooLarge(size))]))
            return
        }
        let text = document.text
        if checkDelayMs > 0 {
            let deadline = ContinuousClock.now + .milliseconds(checkDelayMs)
            while ContinuousClock.now < deadline {
                if !isCurrent(uri, generation) { return }
                Thread.sleep(forTimeInterval: 0.002)
            }
        }
        let diagnostics: JSONValue
        switch loader.engine() {
        case .success(let engine):
            guard let found = LSPLanguageFeatures(engine: engine).diagnostics(of: text, while: { isCurrent(uri, generation) }) else { return }
            diagnostics = found
        case .failure(let failure):
            diagnostics = .array([Self.documentDiagnostic("tiq lsp cannot load its dataset: \(failure.description)")])
        }
        guard isCurrent(uri, generation) else { return }
        publish(uri, diagnostics)
    }

    /// An error about the whole document, shown at its start.
    private static func documentDiagnostic(_ message: String) -> JSONValue {
        .object([
            JSONMember("range", LSPLanguageFeatures.range(0, 0, in: LSPTextPosition(""))),
            JSONMember("severity", .number(1)), JSONMember("source", .string("tiq")),
            JSONMember("message", .string(message)),
        ])
    }

    private func publish(_ uri: String, _ diagnostics: JSONValue) {
        connection.notify("textDocument/publishDiagnostics", params: .object([JSONMember("uri", .string(uri)), JSONMember("diagnostics", diagnostics)]))
    }
}

/// Opens `path` read-only without blocking on a FIFO (outside `LSPDocuments`, whose `open`
/// method would hide the system call).
private func openWithoutBlocking(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
}
