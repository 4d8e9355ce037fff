import TIQCore
import TIQStore
import TIQWire

/// `catalog {level?}`.
public struct CatalogParams: MethodParams {
    /// The level to describe, nil for all.
    public var level: String?

    public init(_ p: Params) throws(ResponseError) { level = try p.optionalString("level") }
}

/// `catalog` → `{levels:[{name, count, attributes:[{name, unit, kind, description}]}],
/// indicators:[{code, name, unit, aggregate, frequency, source, description, levels, periods:{first, last}}]}`.
///
/// With a level, only that level is listed, and only the indicators usable there: stored at
/// that level, or stored at a finer level and aggregable (aggregate other than `none`).
public struct CatalogResult: MethodResult {
    /// The snapshot described.
    public let snapshot: Snapshot
    /// The level asked for, if any.
    public let level: LevelID?

    /// The catalog of `snapshot`, restricted to the level named `levelName` when given; an
    /// unknown level is a -32602 listing the levels there are.
    public init(_ snapshot: Snapshot, levelName: String?) throws(ResponseError) {
        self.snapshot = snapshot
        if let levelName {
            guard let id = snapshot.levelByName[levelName] else { throw Self.unknownLevel(levelName, in: snapshot) }
            level = id
        } else {
            level = nil
        }
    }

    /// The -32602 for a level the snapshot does not have, listing those it has.
    public static func unknownLevel(_ name: String, in snapshot: Snapshot) -> ResponseError {
        .invalidParams("unknown level `\(name)`; levels are: \(snapshot.levels.map(\.name).joined(separator: ", "))")
    }

    public func encode(into w: inout JSONWriter) {
        let levelFilter = level
        w.object { w in
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
                writeIndicator(info, id: IndicatorID(i), stored: stored, into: &w)
            }
            w.endArray()
        }
    }

    private func writeLevel(_ level: LevelTable, into w: inout JSONWriter) {
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

    private func writeIndicator(_ info: IndicatorInfo, id: IndicatorID, stored: [LevelID], into w: inout JSONWriter) {
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
