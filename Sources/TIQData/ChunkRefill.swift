#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import TIQCore

/// The refill step shared by the streaming readers (`RecordStream`, `GeoJSONFeatureStream`):
/// each keeps a byte buffer and a read position in it, and asks for one more chunk of the file
/// when it runs out, so memory is the buffer, never the whole file.
enum ChunkRefill {
    /// Drops the bytes before `position` (which becomes 0), then reads up to `chunkSize` more
    /// bytes of `fd` at the end of `buffer`. Returns false at the end of the file; a failed read
    /// is an error naming `path`.
    static func fill(_ buffer: inout [UInt8], position: inout Int, from fd: Int32, chunkSize: Int,
                     path: String) throws(DataError) -> Bool {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        let n = buffer.withUnsafeMutableBytes { POSIXIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
        if n < 0 { throw DataError("read failed: \(String(cString: strerror(errno)))", at: path) }
        buffer.removeSubrange((old + n)...)
        return n > 0
    }
}
