/// Appends the parts of a snapshot file: fixed-width little-endian integers, strings and raw
/// blocks of plain values, each block 8-byte aligned so readers can copy it in one go.
struct SnapshotByteWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Reserves room for `count` more bytes.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// Appends `value` in little-endian order.
    mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }

    /// Appends `value` in little-endian order.
    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a length and the UTF-8 bytes of `text`, padded to 8 bytes.
    mutating func string(_ text: String) {
        var copy = text
        copy.withUTF8 { raw(UnsafeRawBufferPointer($0)) }
    }

    /// Appends many strings: their count, their byte lengths, then all their bytes.
    mutating func strings(_ texts: [String]) {
        block(texts.map { UInt32($0.utf8.count) })
        var blob: [UInt8] = []
        blob.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count })
        for t in texts { blob.append(contentsOf: t.utf8) }
        blob.withUnsafeBytes { raw($0) }
    }

    /// Appends an element count and the raw bytes of `values`, padded to 8 bytes.
    mutating func block<T: BitwiseCopyable>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { r in
            bytes.append(contentsOf: r)
            pad()
        }
    }

    /// Appends `values` like `block`, after zero padding (and its length) that puts the first
    /// value at `pageOffset` within a `page`-byte page of the file, given that the writer's
    /// first byte is at `fileOffset` in the file.
    mutating func pageAlignedBlock<T: BitwiseCopyable>(_ values: [T], fileOffset: Int, pageOffset: Int, page: Int) {
        // After the padding length (8 bytes), the padding, then the count (8 bytes).
        let unpadded = fileOffset + bytes.count + 16
        let padding = ((pageOffset - unpadded) % page + page) % page
        int(padding)
        bytes.append(contentsOf: repeatElement(0, count: padding))
        block(values)
    }

    /// Appends a byte length and `data`, padded to 8 bytes.
    private mutating func raw(_ data: UnsafeRawBufferPointer) {
        int(data.count)
        bytes.append(contentsOf: data)
        pad()
    }

    private mutating func pad() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }
}

/// Reads what `SnapshotByteWriter` wrote, checking every length against the bytes left, so a
/// damaged file is an error and never a crash.
struct SnapshotByteReader {
    /// The bytes being read.
    let base: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var offset: Int

    /// A reader over `base`, starting at `offset`.
    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    /// Why a read failed: the file ends before the part named `what`, or that part is impossible.
    struct Damage: Error {
        /// What was being read.
        let what: String
    }

    /// Reads a little-endian 64-bit integer.
    mutating func u64(_ what: String) throws(Damage) -> UInt64 {
        guard offset + 8 <= base.count else { throw Damage(what: what) }
        let v = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: v)
    }

    /// Reads an integer, which must lie in `range`.
    mutating func int(_ what: String, in range: ClosedRange<Int> = 0...Int(Int32.max)) throws(Damage) -> Int {
        let v = Int(Int64(bitPattern: try u64(what)))
        guard range.contains(v) else { throw Damage(what: what) }
        return v
    }

    /// Reads an index into something of `count` elements (`count` may be 0: nothing is valid).
    mutating func index(_ what: String, below count: Int) throws(Damage) -> Int {
        guard count > 0 else { throw Damage(what: what) }
        return try int(what, in: 0...(count - 1))
    }

    /// Reads a string.
    mutating func string(_ what: String) throws(Damage) -> String {
        let n = try int(what, in: 0...(base.count - offset))
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<offset + n]), as: UTF8.self)
        try skip(n, what)
        return s
    }

    /// Reads a list of strings written by `SnapshotByteWriter.strings`.
    mutating func strings(_ what: String) throws(Damage) -> [String] {
        let lengths: [UInt32] = try block(what)
        let n = try int(what, in: 0...(base.count - offset))
        guard lengths.reduce(0, { $0 + Int($1) }) == n else { throw Damage(what: what) }
        var out: [String] = []
        out.reserveCapacity(lengths.count)
        var at = offset
        for len in lengths {
            let l = Int(len)
            out.append(String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<at + l]), as: UTF8.self))
            at += l
        }
        try skip(n, what)
        return out
    }

    /// Reads a block of plain values written by `SnapshotByteWriter.block`.
    mutating func block<T: BitwiseCopyable>(_ what: String, as: T.Type = T.self) throws(Damage) -> [T] {
        let count = try int(what, in: 0...((base.count - offset) / MemoryLayout<T>.stride))
        let start = offset
        try skip(count * MemoryLayout<T>.stride, what)
        return values(at: start, count: count)
    }

    /// A copy of the `count` values of type `T` at byte `start`, which the caller checked lie
    /// inside `base` (the start need not be aligned).
    func values<T: BitwiseCopyable>(at start: Int, count: Int, as: T.Type = T.self) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let dst = buffer.baseAddress, let src = base.baseAddress {
                UnsafeMutableRawPointer(dst).copyMemory(from: src + start, byteCount: count * MemoryLayout<T>.stride)
            }
            initialized = count
        }
    }

    /// Skips a block written by `SnapshotByteWriter.pageAlignedBlock`, returning where its values
    /// start (an offset into `base`) and how many there are, for reading them separately.
    mutating func skipPageAlignedBlock<T: BitwiseCopyable>(_ what: String, of: T.Type) throws(Damage) -> (offset: Int, count: Int) {
        let padding = try int(what, in: 0...(base.count - offset))
        guard padding % 8 == 0 else { throw Damage(what: what) }
        try skip(padding, what)
        let count = try int(what, in: 0...((base.count - offset) / MemoryLayout<T>.stride))
        let start = offset
        try skip(count * MemoryLayout<T>.stride, what)
        return (start, count)
    }

    private mutating func skip(_ n: Int, _ what: String) throws(Damage) {
        let padded = (n + 7) & ~7
        guard offset + padded <= base.count else { throw Damage(what: what) }
        offset += padded
    }
}
