import TIQStore
import TIQProtocol
import TIQWire

/// The `{origin, snapshot, levels:[{name, count}], indicators, observations}` summary of a
/// snapshot, shared by `initialize` and `load`.
enum DatasetSummary {
    /// Writes the summary object.
    static func write(_ snapshot: Snapshot, into w: inout JSONWriter) {
        w.beginObject()
        w.member("origin", snapshot.origin)
        w.member("snapshot", snapshot.id)
        w.key("levels")
        w.beginArray()
        for level in snapshot.levels {
            w.beginObject()
            w.member("name", level.name)
            w.member("count", level.count)
            w.endObject()
        }
        w.endArray()
        w.member("indicators", snapshot.indicators.count)
        w.member("observations", snapshot.observationCount)
        w.endObject()
    }
}
