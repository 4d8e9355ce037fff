#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQStore
import TIQWire

/// The directories `load` may read from, and the check that keeps it inside them.
///
/// A dataset directory is opened beneath an open descriptor on its root (`ConfinedRoot`), and so
/// is every file the loader then reads: symbolic links are followed only while they stay inside
/// that root, and a link swapped during the load cannot lead out (`BeneathOpen`: `openat2` with
/// `RESOLVE_BENEATH`, or a component walk with `O_NOFOLLOW`). A relative path is taken relative
/// to each root in turn; the first where it names a directory wins. An absolute path must start
/// with a root. A path with a `..` component is refused. Errors never say whether something
/// outside the roots exists nor where a link leads: any path outside gets the same message.
/// With no root, `load` is refused altogether.
struct DataRoots: Sendable {
    /// The roots, resolved (symlinks followed) when the request arrives; roots that do not
    /// exist are dropped.
    let roots: [String]
    /// The roots as given, for error messages.
    let given: [String]

    /// Resolves `paths` (the `--data-root` values).
    init(_ paths: [String]) {
        given = paths
        roots = paths.compactMap(DataRoots.realPath)
    }

    /// The dataset directory `path` names, confined beneath its root, or an error saying why it
    /// is refused.
    func resolve(_ path: String) throws(ResponseError) -> DatasetDirectory {
        guard !given.isEmpty else {
            throw .invalidParams("`load` is disabled: start tiq serve with --data-root DIR to allow loading datasets from DIR")
        }
        let allowed = "allowed roots: \(given.joined(separator: ", "))"
        guard !path.isEmpty else { throw .invalidParams("`params.path` of `load` is empty; name a dataset directory under the \(allowed)") }
        if path.split(separator: "/").contains("..") {
            throw .invalidParams("`params.path` \"\(path)\" contains `..`; name a directory inside the \(allowed)")
        }
        let outside = ResponseError.invalidParams("`params.path` \"\(path)\" is not a dataset directory inside the data roots; \(allowed)")
        let candidates = path.hasPrefix("/") ? absoluteCandidates(path) : roots.map { ($0, path) }
        if path.hasPrefix("/") && candidates.isEmpty { throw outside }
        for (root, relative) in candidates {
            guard let confined = ConfinedRoot(path: root) else { continue }
            switch confined.directoryStatus(relative) {
            case .missing: continue
            case .escapes: throw outside
            case .present: break
            }
            // The directory is inside; its files may still be links pointing out. The loader
            // refuses them too (it opens them beneath the root), but this says so plainly.
            for file in DataRoots.datasetFiles where confined.fileEscapes(Self.join(relative, file)) {
                throw .invalidParams("`\(file)` in \"\(path)\" leads outside the data roots; \(allowed)")
            }
            return DatasetDirectory(beneath: confined, relative: relative, shownAs: Self.join(root, relative))
        }
        if path.hasPrefix("/") { throw outside }
        throw .invalidParams("no dataset directory \"\(path)\" under the \(allowed)")
    }

    /// The (root, path relative to it) pairs an absolute `path` may mean: each root, real or as
    /// given (made absolute), of which `path` is the root itself or a path below it.
    private func absoluteCandidates(_ path: String) -> [(String, String)] {
        var spellings: [(shown: String, real: String)] = roots.map { ($0, $0) }
        if let cwd = DataRoots.realPath(".") {
            for (given, real) in zip(given, given.map(DataRoots.realPath)) {
                guard let real else { continue }
                spellings.append((given.hasPrefix("/") ? given : cwd + "/" + given, real))
            }
        }
        var found: [(String, String)] = []
        for (shown, real) in spellings {
            let prefix = shown.hasSuffix("/") ? shown : shown + "/"
            if path == shown || path + "/" == prefix {
                found.append((real, "."))
            } else if path.hasPrefix(prefix) {
                found.append((real, String(path.dropFirst(prefix.count))))
            }
        }
        return found
    }

    /// `relative` joined to `name`, without a `./` in between.
    private static func join(_ relative: String, _ name: String) -> String {
        if relative == "." || relative.isEmpty { return name }
        return relative.hasSuffix("/") ? relative + name : relative + "/" + name
    }

    /// The files the loader opens in a dataset directory.
    static let datasetFiles = ["territories.csv", "links.csv", "indicators.csv", "observations.csv"]

    /// The canonical absolute path of an existing file, symlinks followed; nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
