import TIQEngine
import TIQWire

/// `lookup {name, level?, limit?, match?}`: `limit` 1...1000 (default 10), `match` `"similar"`
/// (default) or `"prefix"`.
public struct LookupParams: MethodParams {
    /// The name (or code) looked for.
    public var name: String
    /// The level to search, nil for all.
    public var level: String?
    /// The most matches.
    public var limit: Int
    /// How names match.
    public var match: LookupMatch

    public init(_ p: Params) throws(ResponseError) {
        name = try p.string("name")
        level = try p.optionalString("level")
        limit = try p.optionalInt("limit", in: 1...1000) ?? 10
        match = try p.optionalChoice("match", LookupMatch.allCases.map(\.rawValue)).flatMap(LookupMatch.init) ?? .similar
    }
}

/// `lookup` → `{matches:[{level, code, name, label, score}]}`.
public struct LookupResult: MethodResult {
    /// One territory found.
    public struct Match: Sendable, Hashable {
        /// Its level's name.
        public var level: String
        /// Its code.
        public var code: String
        /// Its name.
        public var name: String
        /// The name as shown, with the département for homonyms.
        public var label: String
        /// Similarity in 0...1.
        public var score: Double

        /// A match.
        public init(level: String, code: String, name: String, label: String, score: Double) {
            self.level = level
            self.code = code
            self.name = name
            self.label = label
            self.score = score
        }
    }

    /// The matches, best first (name order for `prefix`).
    public var matches: [Match]

    /// A result.
    public init(matches: [Match]) { self.matches = matches }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            w.key("matches")
            w.beginArray()
            for m in matches {
                w.object { w in
                    w.member("level", m.level)
                    w.member("code", m.code)
                    w.member("name", m.name)
                    w.member("label", m.label)
                    w.member("score", m.score)
                }
            }
            w.endArray()
        }
    }
}
