import TIQData
import TIQStore

/// Loads what a command works on: the dataset in `--data DIR`, or the embedded demo.
enum SnapshotLoading {
    /// The snapshot, or the load failure rendered for people.
    static func load(_ directory: String?, id: Int = 1) -> Result<Snapshot, LoadFailure> {
        do {
            if let directory {
                return .success(try DatasetLoader.loadSnapshot(directory: directory, id: id))
            }
            return .success(try Demo.snapshot(id: id))
        } catch {
            return .failure(error)
        }
    }
}
