import TIQCore
import TIQLanguage
import TIQStore

extension Checker {
    /// The code column that `agg … by k` adds right after a key `k` naming territories, so that
    /// groups carry the code beside the name as territory rows do (`code`, `name`):
    ///
    /// - `k` a territory-valued attribute (`dept`, `region`, `epci` on communes) adds `k_code`,
    ///   the code of that territory; groups are then told apart by code even when two
    ///   territories share a name;
    /// - `k` the `G_name` of a grouping (`ti1_name`) adds its sibling attribute `G_code`.
    ///
    /// A flag key (`ti1`) names no territory and gets no code. A name already used by another
    /// key or by a binding of the same `agg` is never shadowed: that key then gets no code.
    func territoryCodeKeys(_ keys: [(String, TypedExpr)], taken: Set<String>) -> [String: (String, TypedExpr)] {
        var used = taken.union(keys.map(\.0))
        var out: [String: (String, TypedExpr)] = [:]
        for (name, key) in keys {
            guard case .attribute(let ref) = key.kind else { continue }
            let table = snapshot[level: ref.level]
            let codeRef: AttributeRef
            let column: String
            switch table.attribute(ref.name)?.column {
            case .territory?:
                column = name + "_code"
                codeRef = AttributeRef(name: ref.name, level: ref.level, readsCode: true)
            case .text? where ref.name.hasSuffix("_name"):
                column = String(ref.name.dropLast("_name".count)) + "_code"
                guard case .text? = table.attribute(column)?.column else { continue }
                codeRef = AttributeRef(name: column, level: ref.level)
            default:
                continue
            }
            guard !used.contains(column) else { continue }
            used.insert(column)
            out[name] = (column, TypedExpr(kind: .attribute(codeRef), type: .text, span: key.span))
        }
        return out
    }
}
