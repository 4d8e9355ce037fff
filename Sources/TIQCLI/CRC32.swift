/// The CRC-32 of ZIP, PNG and gzip (IEEE 802.3, reflected polynomial 0xEDB88320), which every
/// ZIP entry carries so that a reader can check the bytes it extracts.
enum CRC32 {
    /// The remainder of each byte value, computed once.
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The checksum of `bytes` (`"123456789"` gives 0xCBF43926, the standard check value).
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
