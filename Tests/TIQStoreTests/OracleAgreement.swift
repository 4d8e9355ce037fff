import Testing
import TIQCore
import TIQStore

/// Checks every membership and every level-derived attribute of a snapshot against the
/// brute-force `MembershipOracle` of the same dataset.
enum OracleAgreement {
    /// Weights and shares agree to this (Float64 all along: far below the old Float32 error).
    static let tolerance = 1e-12

    static func expectAgreement(_ s: Snapshot, _ o: MembershipOracle, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(s.levels.map(\.name) == o.levels, sourceLocation: sourceLocation)
        for from in s.levels {
            for to in s.levels where to.id != from.id {
                let expected = o.overlap(from: from.name, to: to.name)
                if from.count > to.count { membership(s, from, to, expected, sourceLocation) }
                if o.derives(from.name, from: to.name) {
                    attributes(from, to, partition: o.isPartition(to.name), expected, o, sourceLocation)
                } else {
                    #expect(from.attribute(to.name + "_share") == nil, "\(from.name) gets no \(to.name)_share", sourceLocation: sourceLocation)
                }
            }
        }
    }

    private static func membership(_ s: Snapshot, _ from: LevelTable, _ to: LevelTable,
                                   _ expected: [String: (weights: [String: Double], share: Double)], _ loc: SourceLocation) {
        guard let m = s.membership(from: from.id, to: to.id) else {
            Issue.record("no membership \(from.name) → \(to.name)", sourceLocation: loc)
            return
        }
        var seen = 0
        for p in 0..<m.parentCount {
            for k in m.range(of: p) {
                let a = from.codes[Int(m.children[k])], b = "\(to.name):\(to.codes[p])"
                let w = expected[a]?.weights[b] ?? 0
                #expect(abs(m.weights[k] - w) <= tolerance, "\(from.name):\(a) in \(b): \(m.weights[k]) vs \(w)", sourceLocation: loc)
                seen += 1
            }
        }
        #expect(seen == expected.values.reduce(0) { $0 + $1.weights.count }, "\(from.name) → \(to.name) entries", sourceLocation: loc)
    }

    private static func attributes(_ l: LevelTable, _ g: LevelTable, partition: Bool,
                                   _ expected: [String: (weights: [String: Double], share: Double)],
                                   _ o: MembershipOracle, _ loc: SourceLocation) {
        guard case .number(let share)? = l.attribute(g.name + "_share")?.column else {
            Issue.record("\(l.name) has no number \(g.name)_share", sourceLocation: loc)
            return
        }
        for (row, code) in l.codes.enumerated() {
            let e = expected[code]
            let want = e?.share ?? 0
            #expect(abs(share[row] - want) <= tolerance, "\(l.name):\(code) \(g.name)_share \(share[row]) vs \(want)", sourceLocation: loc)
            // The largest part; skipped on near-ties, where rounding may pick either.
            let parts = (e?.weights ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            let clearWinner = parts.count < 2 || parts[0].value - parts[1].value > 1e-9
            let best = parts.first.map { String($0.key.dropFirst(g.name.count + 1)) }
            if partition {
                guard case .territory(_, let rows)? = l.attribute(g.name)?.column else { Issue.record("\(l.name).\(g.name)", sourceLocation: loc); return }
                let got: String? = rows[row] == .max ? nil : g.codes[Int(rows[row])]
                if clearWinner { #expect(got == best, "\(l.name):\(code) \(g.name)", sourceLocation: loc) }
                continue
            }
            guard case .flag(let flag)? = l.attribute(g.name)?.column,
                  case .number(let count)? = l.attribute(g.name + "_count")?.column,
                  case .text(let codes, let values)? = l.attribute(g.name + "_code")?.column else {
                Issue.record("\(l.name) lacks \(g.name), \(g.name)_count or \(g.name)_code", sourceLocation: loc)
                return
            }
            #expect(count[row] == Double(parts.count), "\(l.name):\(code) \(g.name)_count", sourceLocation: loc)
            if abs(want - 0.5) > 1e-9 {
                #expect(flag.contains(row) == (want >= 0.5), "\(l.name):\(code) \(g.name) flag", sourceLocation: loc)
                let named = codes[row] == .max ? nil : values[Int(codes[row])]
                if clearWinner { #expect(named == (want >= 0.5 ? best : nil), "\(l.name):\(code) \(g.name)_code", sourceLocation: loc) }
            }
        }
    }
}
