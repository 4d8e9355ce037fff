import TIQCore

/// Where the rows of a group come from in a draw.
private protocol RowSource {
    mutating func next() -> Int
}

/// Rows picked with replacement among `members` by the generator (`members[rng.below(m)]`).
private struct Picks: RowSource {
    var rng: Xoshiro256StarStar
    let members: UnsafeBufferPointer<Int>
    @inline(__always) mutating func next() -> Int { members[rng.below(members.count)] }
}

/// Rows given in a buffer, read in order.
private struct Given: RowSource {
    let rows: UnsafePointer<Int>
    var at = 0
    @inline(__always) mutating func next() -> Int {
        defer { at += 1 }
        return rows[at]
    }
}

extension PackedSums {
    /// A bootstrap draw (`DrawBatch.recordResample`'s order of picks): sums per group straight
    /// from the generator, without building the rows. Only when every cell is present (`flags`
    /// empty).
    func resample(rng: inout Xoshiro256StarStar, treated: [Int], control: [Int], into t: inout Totals) {
        precondition(flags.isEmpty, "PackedSums.resample needs every cell present")
        for g in 0..<2 {
            (g == 0 ? treated : control).withUnsafeBufferPointer { m in
                var source = Picks(rng: rng, members: m)
                sum(&source, count: m.count, group: g, into: &t)
                rng = source.rng
                t.size[g] = m.count
            }
        }
        fillPresent(&t)
    }

    /// A draw given as rows, the first `treatedCount` of group 0 and the rest of group 1.
    func accumulate(rows: [Int], treatedCount: Int, into t: inout Totals) {
        if !flags.isEmpty { for k in t.present.indices { t.present[k] = 0; t.blocked[k] = 0 } }
        rows.withUnsafeBufferPointer { r in
            for g in 0..<2 {
                let range = g == 0 ? 0..<treatedCount : treatedCount..<r.count
                var source = Given(rows: (r.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Int>.alignment)!) + range.lowerBound)
                sum(&source, count: range.count, group: g, into: &t)
                t.size[g] = range.count
                guard !flags.isEmpty else { continue }
                let s = slots.count
                for k in range {
                    let base = r[k] * s
                    for j in 0..<s {
                        let f = flags[base + j]
                        t.present[g * s + j] += f == 0 ? 1 : 0
                        t.blocked[g * s + j] += f == 2 ? 1 : 0
                    }
                }
            }
        }
        if flags.isEmpty { fillPresent(&t) }
    }

    /// Every row in order, row i in group `labels[i]` (0 or 1). A row's value goes to its group
    /// and −0.0 to the other, chosen by bit masks rather than a branch (random labels would
    /// mispredict half the time); the sums are those of adding each group's rows in order.
    func relabelled(labels: [UInt8], into t: inout Totals) {
        let w = stride, c = columns
        var ones = 0
        labels.withUnsafeBufferPointer { l in
            values.withUnsafeBufferPointer { v in
                t.sums.withUnsafeMutableBufferPointer { s in
                    switch w {
                    case 1:
                        var a0 = 0.0, a1 = 0.0
                        for i in 0..<rows {
                            let m = 0 &- UInt64(l[i])
                            let (x0, x1) = Self.split(v[i], m)
                            a0 += x0; a1 += x1
                            ones &+= Int(l[i])
                        }
                        s[0] = a0; s[1] = a1
                    case 2:
                        var a0 = 0.0, a1 = 0.0, b0 = 0.0, b1 = 0.0
                        for i in 0..<rows {
                            let m = 0 &- UInt64(l[i])
                            let (x0, x1) = Self.split(v[2 * i], m), (y0, y1) = Self.split(v[2 * i + 1], m)
                            a0 += x0; a1 += x1; b0 += y0; b1 += y1
                            ones &+= Int(l[i])
                        }
                        s[0] = a0; s[1] = b0; s[2] = a1; s[3] = b1
                    default:
                        for k in 0..<(2 * w) { s[k] = 0 }
                        for i in 0..<rows {
                            let m = 0 &- UInt64(l[i])
                            for k in 0..<c {
                                let (x0, x1) = Self.split(v[i * w + k], m)
                                s[k] += x0; s[w + k] += x1
                            }
                            ones &+= Int(l[i])
                        }
                    }
                }
            }
        }
        t.size = SIMD2(rows - ones, ones)
        guard !flags.isEmpty else { fillPresent(&t); return }
        let s = slots.count
        for k in 0..<(2 * s) { t.present[k] = 0; t.blocked[k] = 0 }
        for i in 0..<rows {
            let g = Int(labels[i])
            for j in 0..<s {
                let f = flags[i * s + j]
                t.present[g * s + j] += f == 0 ? 1 : 0
                t.blocked[g * s + j] += f == 2 ? 1 : 0
            }
        }
    }

    /// (x, −0.0) when `mask` is 0, (−0.0, x) when it is all ones.
    @inline(__always) private static func split(_ x: Double, _ mask: UInt64) -> (Double, Double) {
        let bits = x.bitPattern, sign = (-0.0 as Double).bitPattern
        return (Double(bitPattern: (bits & ~mask) | (sign & mask)), Double(bitPattern: (bits & mask) | (sign & ~mask)))
    }

    /// Without absent cells every row of a group is present and none blocks.
    private func fillPresent(_ t: inout Totals) {
        let s = slots.count
        for j in 0..<s {
            t.present[j] = t.size[0]; t.present[s + j] = t.size[1]
            t.blocked[j] = 0; t.blocked[s + j] = 0
        }
    }

    /// Adds the rows of one group, in order, into `t.sums[group * stride ..]`, starting from 0.
    private func sum<S: RowSource>(_ source: inout S, count m: Int, group g: Int, into t: inout Totals) {
        let w = stride, c = columns
        values.withUnsafeBufferPointer { v in
            t.sums.withUnsafeMutableBufferPointer { s in
                let out = s.baseAddress! + g * w
                guard let base = v.baseAddress, m > 0 else {
                    for k in 0..<w { out[k] = 0 }
                    return
                }
                let raw = UnsafeRawPointer(base)
                switch w {
                case 1:
                    var a = 0.0
                    for _ in 0..<m { a += v[source.next()] }
                    out[0] = a
                case 2: Self.lanes(SIMD2<Double>.self, &source, m, raw, out)
                case 4: Self.lanes(SIMD4<Double>.self, &source, m, raw, out)
                case 8: Self.lanes(SIMD8<Double>.self, &source, m, raw, out)
                default:
                    for k in 0..<w { out[k] = 0 }
                    for _ in 0..<m {
                        let i = source.next()
                        for k in 0..<c { out[k] += v[i * w + k] }
                    }
                }
            }
        }
    }

    /// The lane-wise sums (each lane a column, added in row order) of `m` rows of `V.scalarCount` doubles.
    @inline(__always) private static func lanes<V: SIMD, S: RowSource>(_: V.Type, _ source: inout S, _ m: Int, _ raw: UnsafeRawPointer,
                                                                      _ out: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        var a = V()
        let bytes = MemoryLayout<Double>.stride * V.scalarCount
        for _ in 0..<m { a += raw.loadUnaligned(fromByteOffset: source.next() * bytes, as: V.self) }
        for k in 0..<V.scalarCount { out[k] = a[k] }
    }
}
