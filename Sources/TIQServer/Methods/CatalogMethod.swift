import TIQCore
import TIQStore
import TIQProtocol
import TIQWire

/// `catalog {level?}` → `{levels:[{name, count, attributes:[{name, unit, kind, description}]}],
/// indicators:[{code, name, unit, aggregate, frequency, source, description, levels, periods:{first, last}}]}`.
///
/// With `level`, only that level is listed, and only the indicators usable there: stored at
/// that level, or stored at a finer level and aggregable (aggregate other than `none`).
enum CatalogMethod: InlineMethodHandler {
    static let method = "catalog"
    static let usesNames = false

    static func respond(_ request: RequestContext) throws -> [UInt8] {
        let snapshot = request.snapshot
        let levelName = try request.params.optionalString("level")
        var levelFilter: LevelID?
        if let levelName {
            guard let id = snapshot.levelByName[levelName] else { throw unknownLevel(levelName, in: snapshot) }
            levelFilter = id
        }
        return resultObject { w in
            w.key("levels")
            w.beginArray()
            for level in snapshot.levels where levelFilter == nil || level.id == levelFilter {
                writeLevel(level, into: &w)
            }
            w.endArray()
            w.key("indicators")
            w.beginArray()
            for (i, info) in snapshot.indicators.enumerated() {
                let stored = snapshot.storedLevels(of: IndicatorID(i))
                if let levelFilter {
                    let usable = stored.contains(levelFilter) || (info.aggregate != .none && stored.contains { $0 < levelFilter })
                    if !usable { continue }
                }
                writeIndicator(info, id: IndicatorID(i), stored: stored, snapshot: snapshot, into: &w)
            }
            w.endArray()
        }
    }

    /// The -32602 for a level the snapshot does not have, listing those it has.
    static func unknownLevel(_ name: String, in snapshot: Snapshot) -> ResponseError {
        .invalidParams("unknown level `\(name)`; levels are: \(snapshot.levels.map(\.name).joined(separator: ", "))")
    }

    private static func writeLevel(_ level: LevelTable, into w: inout JSONWriter) {
        w.beginObject()
        w.member("name", level.name)
        w.member("count", level.count)
        w.key("attributes")
        w.beginArray()
        for a in level.attributes {
            w.beginObject()
            w.member("name", a.name)
            w.member("unit", a.unit.symbol)
            let kind: String
            switch a.column {
            case .text: kind = "text"
            case .number: kind = "number"
            case .flag: kind = "bool"
            case .territory: kind = "territory"
            }
            w.member("kind", kind)
            w.member("description", a.description)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    private static func writeIndicator(_ info: IndicatorInfo, id: IndicatorID, stored: [LevelID], snapshot: Snapshot,
                                       into w: inout JSONWriter) {
        w.beginObject()
        w.member("code", info.code)
        w.member("name", info.name)
        w.member("unit", info.unit.symbol)
        w.member("aggregate", info.aggregate.description)
        w.member("frequency", info.frequency.letter)
        w.member("source", info.source)
        w.member("description", info.description)
        w.key("levels")
        w.beginArray()
        for l in stored { w.string(snapshot[level: l].name) }
        w.endArray()
        var first: Period?
        var last: Period?
        for l in stored {
            guard let axis = snapshot.column(id, at: l)?.axis, let a = axis.first, let b = axis.last else { continue }
            if first.map({ a < $0 }) ?? true { first = a }
            if last.map({ b > $0 }) ?? true { last = b }
        }
        w.key("periods")
        w.beginObject()
        w.member("first", first?.description)
        w.member("last", last?.description)
        w.endObject()
        w.endObject()
    }
}
