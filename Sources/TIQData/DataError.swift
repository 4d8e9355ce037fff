/// A failure of an importer, the writer or the generator: what went wrong, where, and how to fix it.
public struct DataError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// Where: a file path, with `:line` when known.
    public let location: String?
    /// How to fix it.
    public let fix: String?

    /// Creates an error.
    public init(_ message: String, at location: String? = nil, fix: String? = nil) {
        self.message = message
        self.location = location
        self.fix = fix
    }

    /// `location: message (fix)`, on one line.
    public var description: String {
        var s = location.map { "\($0): " } ?? ""
        s += message
        if let fix { s += "; \(fix)" }
        return s
    }
}
