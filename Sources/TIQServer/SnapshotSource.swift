import TIQData
import TIQStore

/// Where the daemon's first snapshot comes from: a dataset directory (`--data`) or the demo.
public enum SnapshotSource {
    /// Loads the dataset in `directory`, or builds the embedded demo when nil.
    public static func initial(dataDirectory: String?) throws(LoadFailure) -> Snapshot {
        if let dataDirectory {
            return try DatasetLoader.loadSnapshot(directory: dataDirectory, id: 1)
        }
        return try Demo.snapshot(id: 1)
    }
}
