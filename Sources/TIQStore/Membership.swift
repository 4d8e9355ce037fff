/// How the territories of a finer level belong to those of a coarser one, with weights.
///
/// Compressed sparse rows by parent: the children of parent `p` are
/// `children[parentOffsets[p] ..< parentOffsets[p + 1]]`, each with the share of the child's
/// population that lives in `p` (1 when the child lies wholly inside `p`). Derived from
/// commune-level links, so an EPCI split between two TIs gets two fractional weights.
public struct Membership: Sendable {
    /// The child level.
    public let from: LevelID
    /// The parent level.
    public let to: LevelID
    /// `count = parents + 1`.
    public let parentOffsets: [UInt32]
    /// Child rows grouped by parent.
    public let children: [UInt32]
    /// The child's population share inside the parent, parallel to `children`.
    public let weights: [Double]
    /// Parents all of whose children have weight 1: roll-ups to them are exact.
    public let exact: Bitset

    /// Creates a membership.
    public init(from: LevelID, to: LevelID, parentOffsets: [UInt32], children: [UInt32], weights: [Double], exact: Bitset) {
        self.from = from
        self.to = to
        self.parentOffsets = parentOffsets
        self.children = children
        self.weights = weights
        self.exact = exact
    }

    /// How many parents.
    public var parentCount: Int { parentOffsets.count - 1 }

    /// The range of `children`/`weights` holding parent `p`'s children.
    public func range(of parent: Int) -> Range<Int> { Int(parentOffsets[parent])..<Int(parentOffsets[parent + 1]) }
}
