import TIQStore
import TIQProtocol
import TIQWire

/// `initialize {}` → `{serverInfo:{name, version}, capabilities:{methods, tqlVersion, formats, cursor},
/// dataset:{origin, snapshot, levels:[{name, count}], indicators, observations}}`.
///
/// Optional: scripts may send requests straight away. Answered again if repeated.
enum InitializeMethod: InlineMethodHandler {
    static let method = "initialize"
    static let usesNames = false
    /// The version of the query language this server speaks.
    static let tqlVersion = "1.0"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        request.server.lifecycle.withLock { $0.initialized = true }
        let config = request.server.configuration
        return resultObject { w in
            w.key("serverInfo")
            w.beginObject()
            w.member("name", "tiq")
            w.member("version", config.version)
            w.endObject()
            w.key("capabilities")
            w.beginObject()
            w.key("methods")
            w.value(.array(request.server.methodNames.map(JSONValue.string)))
            w.member("tqlVersion", tqlVersion)
            w.key("formats")
            w.value(.array(ResultFormat.allCases.map { .string($0.rawValue) }))
            w.member("cursor", "utf8")
            w.endObject()
            w.key("dataset")
            DatasetSummary.write(request.snapshot, into: &w)
        }
    }
}
