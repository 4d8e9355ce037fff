import TIQEngine
import TIQLanguage
import TIQStore

/// Target `tql`: the parser, the printer, the checker, completion and hover on arbitrary text.
///
/// The bytes are decoded as UTF-8 (invalid sequences become U+FFFD, as the daemon's JSON layer
/// would never deliver them otherwise); the first byte also picks a cursor, and its low bit
/// whether that cursor goes to completion or to hover (each parses the text again: running one
/// of them per input keeps the executions per second up without losing either).
public struct TQLFuzzTarget: FuzzTarget {
    private let engine: Engine

    /// A target checking against the dataset in `datasetDirectory`; nil when it does not load.
    public init?(datasetDirectory: String) {
        guard let snapshot = try? DatasetLoader.loadSnapshot(directory: datasetDirectory, id: 1) else { return nil }
        engine = Engine(snapshot: snapshot)
    }

    public func run(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        if let query = TQLParser.parse(text).query {
            _ = ASTPrinter.print(query)
        }
        _ = engine.check(text)
        let cursor = bytes.isEmpty ? 0 : Int(bytes[0]) % (text.utf8.count + 1)
        if bytes.first.map({ $0 & 1 == 0 }) ?? true {
            _ = engine.complete(text, cursor: cursor)
        } else {
            _ = engine.hover(text, cursor: cursor)
        }
        return []
    }
}
