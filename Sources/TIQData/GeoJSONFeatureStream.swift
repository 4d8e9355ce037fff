#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQCore
import TIQStore
import TIQWire

/// Reads the features of a GeoJSON `FeatureCollection` one at a time through a fixed-size
/// buffer: memory is the buffer and the current feature, never the whole file (a national
/// ADMIN EXPRESS commune layer is several hundred MB).
///
/// The collection's other members (`type`, `name`, `crs`, …) are skipped; each element of its
/// `features` array is parsed with TIQWire's JSON parser. Errors name `file:line:column`.
public final class GeoJSONFeatureStream {
    /// The file, for error messages.
    public let path: String
    /// The 1-based line where the current feature starts.
    public private(set) var line = 1
    /// The largest number of bytes held at once (buffer and feature), for memory tests.
    public private(set) var peakBufferedBytes = 0

    private let fd: Int32
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var currentLine = 1
    private var currentColumn = 1
    private var inFeatures = false
    private var finished = false

    /// Opens `path`; `chunkSize` is the read size (tests use small ones).
    public init(path: String, chunkSize: Int = 1 << 20) throws(DataError) {
        self.path = path
        self.chunkSize = max(16, chunkSize)
        do { fd = try RegularFile.open(path).fd } catch {
            throw DataError("cannot open: \(error.reason)", at: path, fix: "name a regular file")
        }
        if try peek() == 0xEF { for _ in 0..<3 { try advance() } }
        try skipWhitespace()
        guard try peek() == UInt8(ascii: "{") else { throw error("a GeoJSON file starts with `{`") }
        try advance()
    }

    deinit { close(fd) }

    /// The next feature and the line where it starts; nil after the last one.
    public func next() throws(DataError) -> JSONValue? {
        while !finished {
            if inFeatures {
                try skipWhitespace()
                guard let b = try peek() else { throw error("the file ends inside the `features` array") }
                if b == UInt8(ascii: "]") { try advance(); inFeatures = false; continue }
                if b == UInt8(ascii: ",") { try advance(); continue }
                guard b == UInt8(ascii: "{") else { throw error("a feature is an object `{…}`") }
                line = currentLine
                let column = currentColumn
                let bytes = try captureValue()
                do {
                    return try JSONParser.parse(bytes, maxDepth: 32)
                } catch let e {
                    let before = bytes[..<min(e.offset, bytes.count)]
                    let newlines = before.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
                    let col = newlines == 0 ? column + before.count : before.count - (before.lastIndex(of: 10) ?? 0)
                    throw DataError("bad JSON: \(e.message)", at: "\(path):\(line + newlines):\(col)",
                                    fix: "the file is not valid GeoJSON there; download it again or re-export it")
                }
            }
            // a member of the top-level object
            try skipWhitespace()
            guard let b = try peek() else { throw error("the file ends before the collection's `}`") }
            if b == UInt8(ascii: "}") { try advance(); finished = true; break }
            if b == UInt8(ascii: ",") { try advance(); continue }
            guard b == UInt8(ascii: "\"") else { throw error("expected a member name of the FeatureCollection") }
            let key = String(decoding: try captureValue(), as: UTF8.self)
            try skipWhitespace()
            guard try peek() == UInt8(ascii: ":") else { throw error("expected `:` after \(key)") }
            try advance()
            try skipWhitespace()
            if key == "\"features\"" {
                guard try peek() == UInt8(ascii: "[") else { throw error("`features` is an array `[…]`") }
                try advance()
                inFeatures = true
            } else if key == "\"type\"" {
                let value = String(decoding: try captureValue(), as: UTF8.self)
                guard value == "\"FeatureCollection\"" else {
                    throw error("the file is a GeoJSON \(value), not a FeatureCollection")
                }
            } else {
                _ = try captureValue()
            }
        }
        return nil
    }

    // MARK: - Bytes

    private func error(_ message: String) -> DataError {
        DataError(message, at: "\(path):\(currentLine):\(currentColumn)",
                  fix: "give an ADMIN EXPRESS layer exported as a GeoJSON FeatureCollection")
    }

    private func peek() throws(DataError) -> UInt8? {
        if position == buffer.count {
            if atEnd { return nil }
            try fill()
            if position == buffer.count { return nil }
        }
        return buffer[position]
    }

    private func advance() throws(DataError) {
        guard let b = try peek() else { return }
        position += 1
        if b == 10 { currentLine += 1; currentColumn = 1 } else if b & 0xC0 != 0x80 { currentColumn += 1 }
    }

    private func skipWhitespace() throws(DataError) {
        while let b = try peek(), b == 32 || b == 9 || b == 10 || b == 13 { try advance() }
    }

    /// The bytes of one JSON value starting here (object, array, string or scalar), consumed.
    private func captureValue() throws(DataError) -> [UInt8] {
        var out: [UInt8] = []
        var depth = 0, inString = false, escaped = false
        while let b = try peek() {
            if !inString, depth == 0, !out.isEmpty, out[0] != UInt8(ascii: "\""),
               out[0] != UInt8(ascii: "{"), out[0] != UInt8(ascii: "["),
               b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || b <= 32 {
                return out // end of a scalar
            }
            out.append(b)
            try advance()
            peakBufferedBytes = max(peakBufferedBytes, buffer.count + out.count)
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return out }
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return out }
            default: break
            }
        }
        if out.isEmpty || depth > 0 || inString { throw error("the file ends inside a value") }
        return out
    }

    private func fill() throws(DataError) {
        if try !ChunkRefill.fill(&buffer, position: &position, from: fd, chunkSize: chunkSize, path: path) { atEnd = true }
        peakBufferedBytes = max(peakBufferedBytes, buffer.count)
    }
}
