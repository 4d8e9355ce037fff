import Testing
import TIQCore

@Suite struct ObservationStatusTests {
    /// The four absences, in the order protocol.md gives their precedence when two combine.
    static let absencePrecedence: [ObservationStatus] = [.secret, .undefined, .notApplicable, .missing]

    @Test func everyNameReadsBack() {
        for s in ObservationStatus.allCases {
            #expect(ObservationStatus(name: s.description) == s)
            #expect(ObservationStatus(name: s.description.uppercased()) == s)
        }
        #expect(ObservationStatus(name: "") == .ok && ObservationStatus(name: "n/a") == .notApplicable)
        #expect(ObservationStatus(name: "confidential") == .secret && ObservationStatus(name: "C") == .secret)
        #expect(ObservationStatus(name: "unknown") == nil && ObservationStatus(name: "0") == nil)
    }

    @Test func absencesAreExactlyTheFour() {
        #expect(Set(ObservationStatus.allCases.filter(\.isAbsence)) == Set(Self.absencePrecedence))
    }

    @Test func combiningTwoAbsencesKeepsTheStrongest() {
        for a in Self.absencePrecedence {
            for b in Self.absencePrecedence {
                let expected = Self.absencePrecedence.first { $0 == a || $0 == b }!
                #expect(ObservationStatus.combineAbsence(a, b) == expected, "\(a) with \(b)")
            }
        }
    }
}

@Suite struct UnitTests {
    @Test func productsAndQuotients() {
        let eur: Unit = "EUR", jobs: Unit = "jobs"
        #expect(eur.dividedBy(jobs).symbol == "EUR/jobs")
        #expect(eur.dividedBy(eur) == .none)
        #expect(eur.dividedBy(.none) == eur && Unit.none.dividedBy(jobs).symbol == "1/jobs")
        #expect(eur.times(jobs).symbol == "EUR*jobs" && Unit.none.times(jobs) == jobs && jobs.times(.none) == jobs)
        // A compound operand is parenthesised, so the result reads unambiguously.
        #expect(eur.dividedBy(jobs).dividedBy(Unit("yr")).symbol == "(EUR/jobs)/yr")
        #expect(eur.times(eur.dividedBy(jobs)).symbol == "EUR*(EUR/jobs)")
    }

    @Test func differencesOfPercentagesArePoints() {
        #expect(Unit.percent.difference == .percentagePoints)
        #expect(Unit("jobs").difference == Unit("jobs") && Unit.percentagePoints.difference == .percentagePoints)
        #expect(Unit.percent.isPercentLike && Unit.percentagePoints.isPercentLike && Unit("%/yr").isPercentLike)
        #expect(!Unit("jobs").isPercentLike && Unit.none.isNone && !Unit.count.isNone)
    }
}
