import TIQStore
import TIQWire

/// `{origin, snapshot, levels:[{name, count}], indicators, observations}`: what a snapshot
/// holds, in the results of `initialize` and `load`.
public struct DatasetSummary: MethodResult, Sendable, Hashable {
    /// Where the data came from.
    public var origin: String
    /// The snapshot id.
    public var snapshot: Int
    /// Each level and its territory count, finest first.
    public var levels: [(name: String, count: Int)]
    /// How many indicators.
    public var indicators: Int
    /// How many observations.
    public var observations: Int

    /// The summary of `snapshot`.
    public init(_ snapshot: Snapshot) {
        origin = snapshot.origin
        self.snapshot = snapshot.id
        levels = snapshot.levels.map { ($0.name, $0.count) }
        indicators = snapshot.indicators.count
        observations = snapshot.observationCount
    }

    public func encode(into w: inout JSONWriter) {
        w.object { w in members(into: &w) }
    }

    /// Writes the members without the braces, for results that extend the summary.
    func members(into w: inout JSONWriter) {
        w.member("origin", origin)
        w.member("snapshot", snapshot)
        w.key("levels")
        w.beginArray()
        for level in levels {
            w.object { w in
                w.member("name", level.name)
                w.member("count", level.count)
            }
        }
        w.endArray()
        w.member("indicators", indicators)
        w.member("observations", observations)
    }

    public static func == (a: DatasetSummary, b: DatasetSummary) -> Bool {
        a.origin == b.origin && a.snapshot == b.snapshot && a.indicators == b.indicators && a.observations == b.observations
            && a.levels.map(\.name) == b.levels.map(\.name) && a.levels.map(\.count) == b.levels.map(\.count)
    }

    public func hash(into h: inout Hasher) {
        h.combine(origin)
        h.combine(snapshot)
    }
}

/// `load {path, progressToken?}`.
public struct LoadParams: MethodParams {
    /// The dataset directory, inside a `--data-root`.
    public var path: String
    /// Where `$/progress` notifications go, if wanted.
    public var progressToken: JSONValue?

    public init(_ p: Params) throws(ResponseError) {
        path = try p.string("path")
        progressToken = p.raw("progressToken")
    }
}

/// `load` → the new snapshot's summary and `elapsedMs`, in one object.
public struct LoadResult: MethodResult {
    /// The snapshot now in service.
    public var dataset: DatasetSummary
    /// How long the load took.
    public var elapsedMs: Int

    /// A result.
    public init(dataset: DatasetSummary, elapsedMs: Int) {
        self.dataset = dataset
        self.elapsedMs = elapsedMs
    }

    public func encode(into w: inout JSONWriter) {
        w.object { w in
            dataset.members(into: &w)
            w.member("elapsedMs", elapsedMs)
        }
    }
}
