import TIQProtocol
import TIQWire

/// `initialize {}` → `InitializeResult`: server info, capabilities and the dataset summary.
///
/// Optional: scripts may send requests straight away. Answered again if repeated.
enum InitializeMethod: InlineMethodHandler {
    static let method = "initialize"
    static let usesNames = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        request.server.lifecycle.withLock { $0.initialized = true }
        return InitializeResult(version: request.server.configuration.version, methods: request.server.methodNames,
                                dataset: DatasetSummary(request.snapshot)).jsonBytes
    }
}
