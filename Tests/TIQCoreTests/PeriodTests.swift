import Testing
import TIQCore

/// Periods: every text form of 1990..2030 at every frequency, read and written back, ordered
/// as (year, subperiod) pairs are.
@Suite struct PeriodTests {
    /// The text of (year, sub) at `f`, written here from the format rules of protocol.md.
    static func text(_ year: Int, _ sub: Int, _ f: Frequency) -> String {
        switch f {
        case .annual: return "\(year)"
        case .semester: return "\(year)-S\(sub)"
        case .quarter: return "\(year)-Q\(sub)"
        case .monthly: return "\(year)-" + (sub < 10 ? "0" : "") + "\(sub)"
        }
    }

    static let subperiods: [Frequency: Int] = [.annual: 1, .semester: 2, .quarter: 4, .monthly: 12]

    @Test(arguments: Frequency.allCases) func everyPeriodReadsAndWritesBack(_ f: Frequency) throws {
        var previous: Period?
        for year in 1990...2030 {
            for sub in 1...Self.subperiods[f]! {
                let text = Self.text(year, sub, f)
                let p = try #require(Period(text), "\(text)")
                #expect(p.frequency == f && p.year == Int32(year) && p.subperiod == Int32(sub), "\(text)")
                #expect(p.description == text)
                if let previous { #expect(previous < p && previous.advanced(by: 1) == p, "\(previous) then \(p)") }
                previous = p
            }
        }
    }

    @Test func lowercaseTagsHalfYearsAndDatesAreAccepted() {
        #expect(Period("2018-q3") == Period(year: 2018, frequency: .quarter, subperiod: 3))
        #expect(Period("2018-H2") == Period(year: 2018, frequency: .semester, subperiod: 2))
        #expect(Period("2018-m07") == Period(year: 2018, frequency: .monthly, subperiod: 7))
        #expect(Period("2020-01-31") == Period(year: 2020, frequency: .monthly, subperiod: 1))
    }

    @Test(arguments: ["", "18", "201", "20188", "2018-", "2018-Q0", "2018-Q5", "2018-S3", "2018-13", "2018-00",
                      "2018-1", "2018-02-32", "2018-02-3", "abcd", "2018-X1", "2018-Q12", "２０１８"])
    func malformedTextIsRejected(_ text: String) {
        #expect(Period(text) == nil, "\(text)")
    }

    @Test func yearsBeforeZeroFloor() {
        // ordinal −1 at a quarterly frequency is the last quarter of year −1: floor(−1 / 4) = −1.
        let p = Period(frequency: .quarter, ordinal: -1)
        #expect(p.year == -1 && p.subperiod == 4)
        #expect(Period(frequency: .monthly, ordinal: -12).year == -1)
        #expect(Period(frequency: .monthly, ordinal: -13).year == -2)
    }

    @Test func distancesInYears() {
        let a = Period(year: 2018, frequency: .quarter, subperiod: 1), b = Period(year: 2020, frequency: .quarter, subperiod: 3)
        #expect(a.years(to: b) == 2.5)  // ten quarters
        #expect(b.yearBefore == Period(year: 2019, frequency: .quarter, subperiod: 3))
        #expect(Period(year: 2022).years(to: Period(year: 2018)) == -4)
    }

    @Test func axisIndexesItsPeriodsAndNothingElse() throws {
        let axis = try #require(PeriodAxis(from: Period(year: 2015), through: Period(year: 2024)))
        #expect(axis.count == 10 && axis.periods.map(\.description) == (2015...2024).map(String.init))
        #expect(axis.index(of: Period(year: 2018)) == 3)
        #expect(axis.index(of: Period(year: 2025)) == nil && axis.index(of: Period(year: 2014)) == nil)
        #expect(axis.index(of: Period(year: 2018, frequency: .quarter, subperiod: 1)) == nil)
        #expect(PeriodAxis(from: Period(year: 2018), through: Period(year: 2018, frequency: .monthly, subperiod: 1)) == nil)
    }

    @Test func frequencyLetters() {
        for f in Frequency.allCases { #expect(Frequency(letter: f.letter) == f && Frequency(letter: f.letter.lowercased()) == f) }
        #expect(Frequency(letter: "Y") == .annual && Frequency(letter: "W") == nil)
        #expect(Frequency.allCases.map(\.periodsPerYear) == [1, 2, 4, 12])
    }
}
