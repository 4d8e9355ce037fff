/// A ZIP archive of stored (uncompressed) entries, as the Office Open XML formats read them.
///
/// Each entry is a local header and its bytes; the central directory and its end record follow
/// (APPNOTE 6.3: signatures 0x04034b50, 0x02014b50, 0x06054b50). Names are UTF-8 (flag bit 11),
/// the time stamp is fixed (1980-01-01 00:00) so the same content gives the same bytes. No ZIP64:
/// an archive over 4 GiB or 65,535 entries is refused.
struct ZipWriter {
    /// Why an archive cannot be written.
    struct TooLarge: Error, CustomStringConvertible {
        var description: String { "the workbook is over 4 GiB, beyond what a ZIP without ZIP64 can hold" }
    }

    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    /// Appends the file `name` holding `bytes`.
    mutating func add(_ name: String, _ bytes: [UInt8]) throws(TooLarge) {
        let nameBytes = Array(name.utf8)
        guard body.count + bytes.count + nameBytes.count + 30 < Int(UInt32.max), count < Int(UInt16.max) else { throw TooLarge() }
        let crc = CRC32.checksum(bytes), size = UInt32(bytes.count), offset = UInt32(body.count)
        // local file header
        Self.put32(&body, 0x0403_4B50)
        Self.putCommon(&body, crc: crc, size: size, nameLength: nameBytes.count)
        Self.put16(&body, 0)  // extra field length
        body += nameBytes
        body += bytes
        // central directory header
        Self.put32(&directory, 0x0201_4B50)
        Self.put16(&directory, 20)  // made by: version 2.0
        Self.putCommon(&directory, crc: crc, size: size, nameLength: nameBytes.count)
        for _ in 0..<4 { Self.put16(&directory, 0) }  // extra, comment, disk number, internal attributes
        Self.put32(&directory, 0)  // external attributes
        Self.put32(&directory, offset)
        directory += nameBytes
        count += 1
    }

    /// The archive: the entries, the central directory, the end record.
    func bytes() -> [UInt8] {
        var out = body + directory
        Self.put32(&out, 0x0605_4B50)
        Self.put16(&out, 0)  // this disk
        Self.put16(&out, 0)  // disk of the directory
        Self.put16(&out, UInt16(count))
        Self.put16(&out, UInt16(count))
        Self.put32(&out, UInt32(directory.count))
        Self.put32(&out, UInt32(body.count))
        Self.put16(&out, 0)  // comment length
        return out
    }

    /// The fields local and central headers share, from "version needed" to the name length.
    private static func putCommon(_ out: inout [UInt8], crc: UInt32, size: UInt32, nameLength: Int) {
        put16(&out, 20)  // version needed: 2.0
        put16(&out, 1 << 11)  // flags: names are UTF-8
        put16(&out, 0)  // method: stored
        put16(&out, 0)  // time 00:00:00
        put16(&out, (0 << 9) | (1 << 5) | 1)  // date 1980-01-01
        put32(&out, crc)
        put32(&out, size)  // compressed size
        put32(&out, size)  // uncompressed size
        put16(&out, UInt16(nameLength))
    }

    private static func put16(_ out: inout [UInt8], _ v: UInt16) {
        out += [UInt8(v & 0xFF), UInt8(v >> 8)]
    }

    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        out += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
    }
}
