#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches the lines of a file as it is read, chunk by chunk, and stops the read at the first
/// line longer than `maximumBytes`: a 1 GB file of one line fails after about a megabyte, with
/// a short excerpt of the line, instead of being read whole and echoed in an error.
///
/// Every line of a dataset or of a published table is a record of a few fields; the longest in
/// the public data is under 200 bytes, so 1 MiB leaves room for any real file.
public struct LineLengthBound: Sendable {
    /// The longest line accepted, in bytes (without its `\n`).
    public static let maximumBytes = 1 << 20
    /// The most bytes of the line quoted in the error.
    static let excerptBytes = 40

    /// The bound in force.
    public let maximum: Int
    /// The bytes of the current (unfinished) line seen so far.
    private var current = 0
    /// The 1-based number of the current line.
    private var line = 1
    /// The first bytes of the current line, for the error.
    private var start: [UInt8] = []

    /// A bound of `maximum` bytes per line.
    public init(maximum: Int = LineLengthBound.maximumBytes) {
        self.maximum = maximum
    }

    /// Takes the next chunk of the file; the reason to stop when a line is too long.
    public mutating func scan(_ chunk: UnsafeRawBufferPointer) -> String? {
        guard let base = chunk.baseAddress else { return nil }
        var at = 0
        while at < chunk.count {
            // The end of the current line in this chunk (`memchr`: the scan costs little).
            let newline = memchr(base + at, 10, chunk.count - at).map { base.distance(to: UnsafeRawPointer($0)) }
            let end = newline ?? chunk.count
            if start.count < Self.excerptBytes {
                start += chunk[at..<min(end, at + Self.excerptBytes - start.count)]
            }
            current += end - at
            if current > maximum { return tooLong() }
            guard let newline else { break }
            line += 1
            current = 0
            start.removeAll(keepingCapacity: true)
            at = newline + 1
        }
        return nil
    }

    /// The reason for the error: which line, the bound, and how it starts.
    private func tooLong() -> String {
        let excerpt = String(decoding: start, as: UTF8.self).unicodeScalars
            .map { $0.value < 32 || $0.value == 127 ? "?" : String($0) }.joined()
        return "line \(line) is longer than \(maximum) bytes (it starts `\(excerpt)…`); a line holds one record: is this a data file?"
    }
}
