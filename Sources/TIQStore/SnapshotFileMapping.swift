#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the Float64 arrays of a snapshot file's columns over the file's own pages, so opening
/// the file neither copies the values nor makes the kernel zero fresh memory for them.
///
/// A column's array is allocated as usual, then the whole pages inside its element storage are
/// replaced by a private (copy-on-write) mapping of the same bytes of the file; only the partial
/// pages at both ends are copied. That needs the values to sit at the same offset within a page
/// in the file as in memory: the writer places every column block at `elementPageOffset`, where
/// glibc puts the elements of a large array (its 16-byte chunk header, then Swift's 32-byte array
/// header, on a page boundary). When an allocation lands elsewhere (a smaller array, another
/// allocator, another page size) the values are simply copied.
///
/// The array stays an ordinary Swift array: freeing it unmaps its pages with the rest of its
/// allocation. The file must not be truncated or changed in place while the daemon runs (pages not
/// read yet are read from it); `tiq snapshot` writes a new file and renames it over the old one,
/// which leaves the open one intact.
enum SnapshotFileMapping {
    /// Where within a page the writer puts the first value of each column block.
    static let elementPageOffset = 48
    /// The page size the file layout is designed for.
    static let filePage = 4096

    /// The system page size.
    static let page: Int = {
        let p = Int(sysconf(Int32(_SC_PAGESIZE)))
        return p > 0 ? p : filePage
    }()

    /// `count` Float64 values stored at byte `offset` of the file open as `fd` and mapped as
    /// `file` (the offset was validated by the decoder), and how many bytes of them are backed by
    /// the file rather than copied.
    static func doubles(fd: Int32, file: UnsafeRawBufferPointer, offset: Int, count: Int) -> (values: [Double], mappedBytes: Int) {
        let byteCount = count * MemoryLayout<Double>.stride
        var mapped = 0
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = count
            guard count > 0, let dst = buffer.baseAddress, let src = file.baseAddress else { return }
            let to = UnsafeMutableRawPointer(dst), from = src + offset
            let address = Int(bitPattern: to)
            let first = (address + page - 1) & ~(page - 1), end = (address + byteCount) & ~(page - 1)
            if (address - offset) & (page - 1) == 0, end > first, let whole = UnsafeMutableRawPointer(bitPattern: first),
               mapFile(fd, over: whole, byteCount: end - first, fileOffset: offset + (first - address)) {
                mapped = end - first
                to.copyMemory(from: from, byteCount: first - address)
                (to + (end - address)).copyMemory(from: from + (end - address), byteCount: address + byteCount - end)
            } else {
                to.copyMemory(from: from, byteCount: byteCount)
            }
        }
        return (values, mapped)
    }

    /// Replaces the pages at `start` by a private mapping of the file; false (with the pages
    /// still usable memory) when the kernel refuses.
    private static func mapFile(_ fd: Int32, over start: UnsafeMutableRawPointer, byteCount: Int, fileOffset: Int) -> Bool {
        let flags = MAP_PRIVATE | MAP_FIXED
        if let p = mmap(start, byteCount, PROT_READ | PROT_WRITE, flags, fd, off_t(fileOffset)), p == start { return true }
        // A failed MAP_FIXED may have unmapped the range: put fresh memory back so the caller can copy.
        _ = mmap(start, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        return false
    }

    /// Drops the pages of `range` of the read-only mapping `file` from the resident set, once the
    /// checksum has read them; a later read maps them again from the page cache.
    static func release(_ file: UnsafeRawBufferPointer, _ range: Range<Int>) {
        guard let base = file.baseAddress else { return }
        let start = (Int(bitPattern: base) + range.lowerBound + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: base) + range.upperBound) & ~(page - 1)
        guard end > start, let p = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(p, end - start, MADV_DONTNEED)
    }
}
