#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQData
import TIQStore

/// Loads what a command works on: the dataset in `--data DIR`, a snapshot file written by
/// `tiq snapshot` when `--data` names a file, or the embedded demo.
enum SnapshotLoading {
    /// The snapshot, or the load failure rendered for people.
    static func load(_ path: String?, id: Int = 1) -> Result<Snapshot, LoadFailure> {
        do {
            guard let path else { return .success(try Demo.snapshot(id: id)) }
            if isRegularFile(path) {
                do {
                    return .success(try SnapshotFile.read(path: path, id: id))
                } catch {
                    // The snapshot file's own message says what is wrong and how to fix it (D130).
                    return .failure(LoadFailure(diagnostics: [
                        Diagnostic(.notASnapshot, message: error.description, file: path),
                    ]))
                }
            }
            let snapshot = try DatasetLoader.loadSnapshot(directory: path, id: id)
            // What the data holds but cannot say (W413): on stderr, the answer stays clean.
            for w in snapshot.loadWarnings { printError(w.description) }
            return .success(snapshot)
        } catch {
            return .failure(error)
        }
    }

    /// Whether `path` names a regular file (following links), as opposed to a directory.
    static func isRegularFile(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG
    }
}
