import TIQEngine
import TIQProtocol
import TIQWire

/// `lookup {name, level?, limit?, match?}` → `{matches:[{level, code, name, label, score}]}`.
///
/// `limit` defaults to 10 and is at most 1000. `match` is `"similar"` (the default: best first,
/// `score` a similarity in 0...1) or `"prefix"` (names starting with `name` ignoring case and
/// accents, in name order, `score` 1).
enum LookupMethod: InlineMethodHandler {
    static let method = "lookup"

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let p = request.params
        let name = try p.string("name")
        let level = try p.optionalString("level")
        let limit = try p.optionalInt("limit", in: 1...1000) ?? 10
        let match = try p.optionalChoice("match", LookupMatch.allCases.map(\.rawValue)).flatMap(LookupMatch.init) ?? .similar
        let snapshot = request.snapshot
        if let level, snapshot.levelByName[level] == nil { throw CatalogMethod.unknownLevel(level, in: snapshot) }
        let matches = Engine(snapshot: snapshot).lookup(name, level: level, limit: limit, match: match)
        return resultObject { w in
            w.key("matches")
            w.beginArray()
            for m in matches where m.level.raw < snapshot.levels.count {
                let table = snapshot[level: m.level]
                guard m.row >= 0 && m.row < table.count else { continue }
                w.beginObject()
                w.member("level", table.name)
                w.member("code", table.codes[m.row])
                w.member("name", table.names[m.row])
                w.member("label", m.label)
                w.member("score", m.score)
                w.endObject()
            }
            w.endArray()
        }
    }
}
