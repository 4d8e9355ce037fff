#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQWire

/// The directories `load` may read from, and the check that keeps it inside them.
///
/// A path is refused when it contains a `..` component, when it is absolute and outside every
/// root, or when, after following symlinks, it or one of the dataset files in it leads outside
/// every root. A relative path is
/// taken relative to each root in turn; the first that exists wins. With no root, `load` is
/// refused altogether.
struct DataRoots: Sendable {
    /// The roots, resolved (symlinks followed) at startup; roots that do not exist are dropped.
    let roots: [String]
    /// The roots as given, for error messages.
    let given: [String]

    /// Resolves `paths` (the `--data-root` values).
    init(_ paths: [String]) {
        given = paths
        roots = paths.compactMap(DataRoots.realPath)
    }

    /// The real path of the dataset directory `path` names, or an error saying why it is refused.
    func resolve(_ path: String) throws(ResponseError) -> String {
        guard !given.isEmpty else {
            throw .invalidParams("`load` is disabled: start tiq serve with --data-root DIR to allow loading datasets from DIR")
        }
        let allowed = "allowed roots: \(given.joined(separator: ", "))"
        guard !path.isEmpty else { throw .invalidParams("`params.path` of `load` is empty; name a dataset directory under the \(allowed)") }
        if path.split(separator: "/").contains("..") {
            throw .invalidParams("`params.path` \"\(path)\" contains `..`; name a directory inside the \(allowed)")
        }
        let candidates = path.hasPrefix("/") ? [path] : roots.map { $0 + "/" + path }
        for candidate in candidates {
            guard let real = DataRoots.realPath(candidate) else { continue }
            guard isInside(real) else {
                throw .invalidParams("`params.path` \"\(path)\" leads outside the data roots (to \(real)); \(allowed)")
            }
            // The directory is inside; its files may still be symlinks pointing out.
            for file in DataRoots.datasetFiles {
                if let target = DataRoots.realPath(real + "/" + file), !isInside(target) {
                    throw .invalidParams("`\(file)` in \"\(path)\" is a link leading outside the data roots (to \(target)); \(allowed)")
                }
            }
            return real
        }
        if path.hasPrefix("/") && !roots.contains(where: { path.hasPrefix($0 + "/") || path == $0 }) {
            throw .invalidParams("`params.path` \"\(path)\" is outside the data roots; \(allowed)")
        }
        throw .invalidParams("no dataset directory \"\(path)\" under the \(allowed)")
    }

    /// The files the loader opens in a dataset directory.
    static let datasetFiles = ["territories.csv", "links.csv", "indicators.csv", "observations.csv"]

    /// Whether the real path `real` is a root or below one.
    private func isInside(_ real: String) -> Bool {
        roots.contains { real == $0 || real.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// The canonical absolute path of an existing file, symlinks followed; nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}
