import TIQProtocol
import TIQWire

/// `catalog {level?}` → `CatalogResult` (the levels, their attributes and the indicators).
enum CatalogMethod: InlineMethodHandler {
    static let method = "catalog"
    static let usesNames = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let params = try CatalogParams(request.params)
        return try CatalogResult(request.snapshot, levelName: params.level).jsonBytes
    }
}
