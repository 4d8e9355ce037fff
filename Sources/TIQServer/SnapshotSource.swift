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

    /// Reads what `configuration` serves again, as snapshot `id` (SIGHUP): its snapshot file,
    /// its dataset directory, or the demo.
    static func reload(_ configuration: ServerConfiguration, id: Int) throws -> Snapshot {
        if let file = configuration.snapshotFile { return try SnapshotFile.read(path: file, id: id) }
        if let directory = configuration.dataDirectory { return try DatasetLoader.loadSnapshot(directory: directory, id: id) }
        return try Demo.snapshot(id: id)
    }

    /// Opens the snapshot file at `path`, written by `tiq snapshot` (much faster than a CSV load).
    public static func initial(snapshotFile path: String) throws(SnapshotFileError) -> Snapshot {
        try SnapshotFile.read(path: path, id: 1)
    }
}
