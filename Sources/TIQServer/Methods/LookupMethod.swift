import TIQEngine
import TIQProtocol
import TIQWire

/// `lookup {name, level?, limit?, match?}` → `LookupResult`.
///
/// `match` is `"similar"` (the default: best first, `score` a similarity in 0...1) or
/// `"prefix"` (names starting with `name` ignoring case and accents, in name order, `score` 1).
enum LookupMethod: InlineMethodHandler {
    static let method = "lookup"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let p = try LookupParams(request.params)
        let snapshot = request.snapshot
        if let level = p.level, snapshot.levelByName[level] == nil { throw CatalogResult.unknownLevel(level, in: snapshot) }
        let found = request.engine.lookup(p.name, level: p.level, limit: p.limit, match: p.match)
        var matches: [LookupResult.Match] = []
        for m in found where m.level.raw < snapshot.levels.count {
            let table = snapshot[level: m.level]
            guard m.row >= 0 && m.row < table.count else { continue }
            matches.append(LookupResult.Match(level: table.name, code: table.codes[m.row], name: table.names[m.row],
                                              label: m.label, score: m.score))
        }
        return LookupResult(matches: matches).jsonBytes
    }
}
