import TIQData
import TIQStore

/// Where the daemon's first snapshot comes from: a dataset directory (`--data`), a snapshot
/// file (`--snapshot`) or the demo.
public enum SnapshotSource {
    /// Loads the dataset in `directory`, or builds the embedded demo when nil.
    public static func initial(dataDirectory: String?) throws(LoadFailure) -> Snapshot {
        if let dataDirectory {
            return try DatasetLoader.loadSnapshot(directory: dataDirectory, id: 1)
        }
        return try Demo.snapshot(id: 1)
    }

    /// Opens the snapshot file at `path`, written by `tiq snapshot` (much faster than a CSV load).
    public static func initial(snapshotFile path: String) throws(SnapshotFileError) -> Snapshot {
        try SnapshotFile.read(path: path, id: 1)
    }
}
