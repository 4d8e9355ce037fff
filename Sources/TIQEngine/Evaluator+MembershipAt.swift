import TIQCore
import TIQStore

extension Evaluator {
    /// `G@P` and `G_share@P` (Checker+MembershipAt): each row's share in `group` at period `p`,
    /// or the flag `share >= 0.5`, as the snapshot's perimeter timeline records it.
    func membershipAt(level: LevelID, group: LevelID, share: Bool, _ p: Period, _ f: Frame) -> Vector {
        guard f.level == level, let shares = snapshot.timeline.shares(of: level, in: group, at: p) else {
            return share ? .numbers([Double](repeating: .nan, count: f.count), nil) : .bools([UInt8](repeating: 2, count: f.count))
        }
        if share { return .numbers(f.rows.map { shares[$0] }, nil) }
        return .bools(f.rows.map { shares[$0] >= 0.5 ? 1 : 0 })
    }
}
