import TIQCore
import TIQEngine
import TIQProtocol
import TIQStore
import TIQWire

/// The one place where domain errors become JSON-RPC errors.
///
/// - `ResponseError` passes through.
/// - `QueryFailure` becomes its application code (1 syntax, 2 resolution, 3 type, 4 execution,
///   5 cancelled) with `data.diagnostics`.
/// - `LoadFailure` becomes code 6 (dataset) with `data.diagnostics` and `data.omitted`.
/// - Cancellation (by the client, a time limit or shutdown) becomes -32800.
/// - Anything else is a -32603 naming the error.
enum ErrorMapping {
    /// The application code of a dataset that cannot be loaded.
    static let datasetErrorCode = ErrorCode(6)

    /// Maps `error`, thrown by the handler of `method`. `cancelled` tells whether the request's
    /// task was cancelled, and why.
    static func responseError(for error: any Error, method: String, cancelled: CancelReason?) -> ResponseError {
        if let cancelled, isCancellation(error) {
            return cancellation(cancelled, diagnostics: (error as? QueryFailure)?.diagnostics ?? [])
        }
        switch error {
        case let e as ResponseError:
            return e
        case let f as QueryFailure:
            let first = f.diagnostics.first { $0.severity == .error } ?? f.diagnostics.first
            let message = first.map { "\($0.code): \($0.message)" } ?? "the query failed"
            return ResponseError(ErrorCode(f.kind.rawValue), message, data: .object(["diagnostics": DiagnosticJSON.array(f.diagnostics)]))
        case let f as LoadFailure:
            let count = f.diagnostics.count + f.omitted
            let first = f.diagnostics.first.map { ": \($0.description)" } ?? ""
            return ResponseError(datasetErrorCode, "the dataset cannot be loaded (\(count) problem\(count == 1 ? "" : "s"))\(first); the previous snapshot stays in service",
                                 data: .object(["diagnostics": DiagnosticJSON.array(f.diagnostics), "omitted": .number(f.omitted)]))
        case is CancellationError:
            return cancellation(cancelled ?? .client, diagnostics: [])
        default:
            return .internalError("`\(method)` failed unexpectedly: \(error); this is a bug in tiq, please report it")
        }
    }

    private static func isCancellation(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        if let f = error as? QueryFailure { return f.kind == .cancelled }
        return false
    }

    private static func cancellation(_ reason: CancelReason, diagnostics: [Diagnostic]) -> ResponseError {
        let message: String
        var data: [JSONMember] = []
        switch reason {
        case .client:
            message = "request cancelled by $/cancelRequest"
            data.append(JSONMember("reason", .string("cancelled")))
        case .timeout(let ms):
            message = "request cancelled: it ran longer than its time limit of \(ms) ms; raise params.timeoutMs or narrow the query with `where` or `period`"
            data.append(JSONMember("reason", .string("timeout")))
            data.append(JSONMember("timeoutMs", .number(ms)))
        case .stopping:
            message = "request cancelled: the server is stopping"
            data.append(JSONMember("reason", .string("stopping")))
        }
        if !diagnostics.isEmpty { data.append(JSONMember("diagnostics", DiagnosticJSON.array(diagnostics))) }
        return ResponseError(.requestCancelled, message, data: .object(data))
    }
}
