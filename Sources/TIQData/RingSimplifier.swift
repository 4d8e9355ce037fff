/// Douglas-Peucker simplification of closed rings, keeping every ring a valid ring.
///
/// Each ring is simplified alone: a point is kept when it lies farther than `tolerance` from
/// the chord that would replace it. A ring never falls below 4 points (3 distinct and the
/// closing one): when the chords leave fewer, the triangle of its first point, the point
/// farthest from it and the point farthest from that segment is kept. Borders shared by two
/// neighbours are simplified twice, once per ring, so after simplification they may differ by
/// up to the tolerance (thin slivers or gaps at a map's scale); the topology between
/// neighbours is not kept.
public enum RingSimplifier {
    /// The simplified ring (closed), or nil when the ring is degenerate (fewer than 3 distinct points).
    public static func simplify(_ ring: Contours.Ring, tolerance: Double) -> Contours.Ring? {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        // drop consecutive duplicates
        var distinct: [Contours.Point] = []
        for p in points where distinct.last != p { distinct.append(p) }
        while distinct.count > 1, distinct.first == distinct.last { distinct.removeLast() }
        guard distinct.count >= 3 else { return nil }
        let n = distinct.count
        // split the ring at its first point and the point farthest from it
        var far = 1, best = -1.0
        for i in 1..<n {
            let d = squaredDistance(distinct[0], distinct[i])
            if d > best { best = d; far = i }
        }
        var keep = [Bool](repeating: false, count: n + 1)
        keep[0] = true; keep[far] = true; keep[n] = true
        let closed = distinct + [distinct[0]]
        mark(closed, 0, far, tolerance * tolerance, &keep)
        mark(closed, far, n, tolerance * tolerance, &keep)
        var out: Contours.Ring = []
        for i in 0...n where keep[i] { out.append(closed[i]) }
        if out.count < 4 {
            // a triangle: first point, farthest point, and the point farthest from that segment
            var third = -1, thirdDistance = 0.0
            for i in 1..<n where i != far {
                let d = segmentDistance(closed[i], closed[0], closed[far])
                if d > thirdDistance { thirdDistance = d; third = i }
            }
            guard third >= 0 else { return nil }
            let order = [0, far, third].sorted()
            out = order.map { closed[$0] } + [closed[0]]
        }
        return out
    }

    /// Keeps, between `a` and `b`, the points farther than the tolerance from the chord (recursively).
    private static func mark(_ p: [Contours.Point], _ a: Int, _ b: Int, _ tolerance2: Double, _ keep: inout [Bool]) {
        var stack = [(a, b)]
        while let (i, j) = stack.popLast() {
            guard j > i + 1 else { continue }
            var index = -1, best = tolerance2
            for k in (i + 1)..<j {
                let d = segmentDistance(p[k], p[i], p[j])
                if d > best { best = d; index = k }
            }
            if index >= 0 {
                keep[index] = true
                stack.append((i, index))
                stack.append((index, j))
            }
        }
    }

    private static func squaredDistance(_ a: Contours.Point, _ b: Contours.Point) -> Double {
        (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)
    }

    /// The squared distance from `p` to the segment `a`-`b`.
    private static func segmentDistance(_ p: Contours.Point, _ a: Contours.Point, _ b: Contours.Point) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length2 = dx * dx + dy * dy
        guard length2 > 0 else { return squaredDistance(p, a) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
        return squaredDistance(p, Contours.Point(a.x + t * dx, a.y + t * dy))
    }

    /// The extent of a ring (its bounding box's larger side).
    public static func extent(_ ring: Contours.Ring) -> Double {
        guard let first = ring.first else { return 0 }
        var minX = first.x, maxX = first.x, minY = first.y, maxY = first.y
        for p in ring {
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        return max(maxX - minX, maxY - minY)
    }
}
