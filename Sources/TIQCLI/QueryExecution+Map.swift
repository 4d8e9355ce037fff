import TIQData
import TIQStore

extension QueryExecution {
    /// The map options completed for an answer at `level`: the contours' directory (that of
    /// `--data`, the snapshot file's directory, or nil for the demo's embedded contours) and
    /// the territories of `level` in a TI of the outlined phase, from the snapshot's links.
    func mapOptions(level: String?) -> MapOptions {
        var m = chart.map
        if let path = dataPath {
            m.contoursDirectory = FileIO.isDirectory(path) ? path : Self.parentDirectory(of: path)
        }
        if let level, let ti = m.tiLevel { m.tiMembers = Self.members(of: ti, at: level, in: engine.snapshot) }
        return m
    }

    /// The codes of the territories of `level` with a link of positive weight to a territory of
    /// `tiLevel`; nil when the snapshot links none of `level` to it.
    static func members(of tiLevel: String, at level: String, in snapshot: Snapshot) -> Set<String>? {
        guard let from = snapshot.levelByName[level], let to = snapshot.levelByName[tiLevel] else { return nil }
        if from == to { return nil }
        guard let membership = snapshot.membership(from: from, to: to) else { return nil }
        let codes = snapshot[level: from].codes
        var out = Set<String>()
        for (i, child) in membership.children.enumerated() where membership.weights.isEmpty || membership.weights[i] > 0 {
            if Int(child) < codes.count { out.insert(codes[Int(child)]) }
        }
        return out
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
