#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the loader finds a dataset's files: a plain directory path, or a directory confined
/// beneath an open root, whose files are opened with `RegularFile.open(_:beneath:)` so that no
/// symbolic link, even one swapped while the load runs, leads the loader outside the root.
public struct DatasetDirectory: Sendable {
    /// The directory as shown in diagnostics and as the snapshot's origin.
    public let path: String
    /// The root and the directory's path relative to it, when confined.
    private let confinement: (root: ConfinedRoot, relative: String)?

    /// The directory at `path`, opened as it is (symbolic links followed): the command line's
    /// own datasets.
    public init(path: String) {
        self.path = path
        confinement = nil
    }

    /// The directory `relative` beneath `root`, shown as `path`.
    public init(beneath root: ConfinedRoot, relative: String, shownAs path: String) {
        self.path = path
        confinement = (root, relative)
    }

    /// The path of `name` in the directory, as shown in diagnostics.
    func shownPath(of name: String) -> String {
        path.hasSuffix("/") ? path + name : path + "/" + name
    }

    /// An open descriptor on the regular file `name` in the directory; the caller closes it.
    func open(_ name: String) throws(RegularFile.Failure) -> (fd: Int32, info: stat) {
        guard let (root, relative) = confinement else { return try RegularFile.open(shownPath(of: name)) }
        return try RegularFile.open(relative == "." || relative.isEmpty ? name : relative + "/" + name, beneath: root.descriptor, rootPath: root.path)
    }
}

/// An open descriptor on a data root, closed when the last dataset directory using it goes.
public final class ConfinedRoot: Sendable {
    /// The descriptor (a directory, read-only, close-on-exec).
    public let descriptor: Int32

    /// The root's real path (absolute links may point below it).
    public let path: String

    /// Opens the directory at `path`, a real path (no link in it); nil if it cannot be opened as
    /// a directory.
    public init?(path: String) {
        let fd = openDirectory(path)
        guard fd >= 0 else { return nil }
        descriptor = fd
        self.path = path
    }

    /// Whether `relative` names a directory beneath the root, and if not, why: `.escapes` when a
    /// step leads outside (a link out, or `..`), `.missing` otherwise.
    public func directoryStatus(_ relative: String) -> DirectoryStatus {
        switch BeneathOpen.open(relative.isEmpty ? "." : relative, beneath: descriptor, rootPath: path, flags: O_RDONLY | O_DIRECTORY | O_NONBLOCK) {
        case .success(let fd):
            close(fd)
            return .present
        case .failure(let error):
            return error.code == EXDEV || error.code == ELOOP ? .escapes : .missing
        }
    }

    /// Whether `relative` (a file beneath the root) leads outside it; false when it is missing
    /// or stays inside.
    public func fileEscapes(_ relative: String) -> Bool {
        switch BeneathOpen.open(relative, beneath: descriptor, rootPath: path, flags: O_RDONLY | O_NONBLOCK) {
        case .success(let fd):
            close(fd)
            return false
        case .failure(let error):
            return error.code == EXDEV || error.code == ELOOP
        }
    }

    /// What `directoryStatus` found.
    public enum DirectoryStatus: Sendable {
        /// A directory beneath the root.
        case present
        /// Nothing there, or not a directory.
        case missing
        /// A step of the path leads outside the root.
        case escapes
    }

    deinit { close(descriptor) }
}

/// `open(2)` of a directory, under a name that `ConfinedRoot` does not shadow.
private func openDirectory(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
}
