import Testing
import TIQCore
import TIQData
import TIQStore

/// The partition identity: for every level that holds every commune wholly, the sum over its
/// territories of a rolled-up additive indicator (and of the population) is the national total.
/// Checked on every kind of dataset the tests build.
enum PartitionIdentity {
    /// An additive value per base row, independent of the store: any numbers will do.
    static func value(_ row: Int) -> Double { Double((row * 7919) % 1009) + 0.125 * Double(row % 7) }

    /// Checks the identity for each level in `covering` and that every weight set of a
    /// territory in those levels adds up to 1; returns how many levels were checked.
    @discardableResult
    static func check(_ s: Snapshot, covering: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Int {
        let base = s.levels[0]
        guard case .number(let pop)? = base.attribute("population")?.column else {
            Issue.record("no base population", sourceLocation: sourceLocation)
            return 0
        }
        let total = (0..<base.count).reduce(0.0) { $0 + value($1) }
        let totalPop = pop.reduce(0.0) { $0 + ($1.isNaN ? 0 : $1) }
        var checked = 0
        for name in covering {
            guard let level = s.levelByName[name], let m = s.membership(from: base.id, to: level) else {
                Issue.record("no membership \(base.name) → \(name)", sourceLocation: sourceLocation)
                continue
            }
            var rolled = 0.0, weightOf = [Double](repeating: 0, count: base.count)
            for p in 0..<m.parentCount {
                var parent = 0.0
                for k in m.range(of: p) {
                    parent += value(Int(m.children[k])) * m.weights[k]
                    weightOf[Int(m.children[k])] += m.weights[k]
                }
                rolled += parent
            }
            #expect(abs(rolled - total) <= 1e-9 * abs(total), "Σ over \(name): \(rolled) vs \(total)", sourceLocation: sourceLocation)
            #expect(weightOf.allSatisfy { abs($0 - 1) <= 1e-12 }, "every commune wholly in \(name)", sourceLocation: sourceLocation)
            if case .number(let lp)? = s[level: level].attribute("population")?.column {
                let sum = lp.reduce(0.0) { $0 + ($1.isNaN ? 0 : $1) }
                #expect(abs(sum - totalPop) <= 1e-9 * max(1, totalPop), "population over \(name): \(sum) vs \(totalPop)", sourceLocation: sourceLocation)
            }
            // Every finer territory lies in the level's territories with weights adding up to 1.
            for from in s.levels where from.count > s[level: level].count && from.id != base.id {
                guard let fm = s.membership(from: from.id, to: level) else { continue }
                var sums = [Double](repeating: 0, count: from.count)
                for k in fm.children.indices { sums[Int(fm.children[k])] += fm.weights[k] }
                #expect(sums.allSatisfy { $0 == 0 || abs($0 - 1) <= 1e-12 }, "\(from.name) → \(name) partition", sourceLocation: sourceLocation)
            }
            checked += 1
        }
        return checked
    }
}

@Suite struct PartitionIdentityTests {
    @Test func theHandMadeFixtures() throws {
        let s = try SnapshotBuilder.build(StraddleFixture.dataset(), origin: "t", id: 1)
        #expect(PartitionIdentity.check(s, covering: ["epci", "dept", "region", "france"]) == 4)
    }

    @Test(arguments: [(40, 1), (400, 2), (2500, 3)] as [(Int, UInt64)])
    func randomDatasets(communes: Int, seed: UInt64) throws {
        let d = RandomTerritories.dataset(communes: communes, seed: seed)
        let s = try SnapshotBuilder.build(d, origin: "random", id: 1)
        #expect(PartitionIdentity.check(s, covering: ["epci", "dept", "region", "france"]) == 4)
        OracleAgreement.expectAgreement(s, MembershipOracle(d))
    }

    @Test func theDemo() throws {
        let s = try #require(NamePrefixTests.demo)   // built once for the store tests
        #expect(PartitionIdentity.check(s, covering: ["dept", "region", "france"]) == 3)
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/data (absent)"))
    func theRealDataThroughTheImporters() throws {
        let root = try #require(SharedData.root)
        let geo = try GeoImporter.read(from: root + "/geo")
        var dataset = geo.dataset()
        let perimeters = try TIImporter.read(from: root + "/ti", communeCodes: geo.communes.map(\.code))
        TIPerimeter.append(perimeters, geography: geo, to: &dataset)
        let s = try SnapshotBuilder.build(dataset, origin: "real", id: 1)
        #expect(PartitionIdentity.check(s, covering: ["dept", "region", "france"]) == 3)
    }
}
