import TIQCore
import TIQStore

/// `G@P` and `G_share@P`: a territory's membership in the partial level `G` (`ti1`, `ti2`) at
/// period `P`, for datasets whose links carry a validity (protocol.md, "Links in time").
/// Without `@`, `G` and `G_share` describe the perimeter of all time.
extension Checker {
    /// The typed membership read at `period` when `t` is the flag or share attribute of a partial
    /// level; nil when it is not one (the caller then wants a series).
    func membershipAt(_ t: TypedExpr, _ period: Period, span: SourceSpan) -> TypedExpr? {
        guard case .attribute(let ref) = t.kind, let column = attributeColumn(ref) else { return nil }
        let isShare: Bool
        switch column {
        case .flag: isShare = false
        case .number where ref.name.hasSuffix("_share"): isShare = true
        default: return nil
        }
        let groupName = isShare ? String(ref.name.dropLast("_share".count)) : ref.name
        guard let group = snapshot.levelByName[groupName] else { return nil }
        // Memberships that never change read the same at every period: the attribute itself.
        guard snapshot.timeline.shares[LevelPair(from: ref.level, to: group)] != nil else {
            return TypedExpr(kind: t.kind, type: t.type, span: span)
        }
        return TypedExpr(kind: .membershipAt(level: ref.level, group: group, share: isShare, period), type: t.type, span: span)
    }
}
