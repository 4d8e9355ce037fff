import Foundation
import TIQCore

/// Reads a query file, or stdin for `-`.
enum SourceText {
    /// The text of `path` (`-` is stdin), or a message saying why it cannot be read.
    static func read(_ path: String) -> Result<String, SourceReadError> {
        if path == "-" { return .success(String(decoding: POSIXIO.readToEnd(0), as: UTF8.self)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(SourceReadError(message: "\(path): no such file"))
        }
        guard !isDirectory.boolValue else { return .failure(SourceReadError(message: "\(path): is a directory, not a .tiq file")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(SourceReadError(message: "\(path): cannot be read (permissions?)"))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}

/// A query file that could not be read.
struct SourceReadError: Error, CustomStringConvertible {
    /// What went wrong, with the path.
    var message: String
    var description: String { message }
}
