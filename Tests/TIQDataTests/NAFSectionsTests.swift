import Testing
@testable import TIQStore
@testable import TIQData

@Suite("NAF rév. 2 sections")
struct NAFSectionsTests {
    @Test("every written form of an activity code finds its section; non-codes find none")
    func forms() {
        for (code, _) in PublishedSamples.sectionOfAPE {
            #expect(NAFSections.section(of: code) == PublishedSamples.sectionOfAPE[code]!, "\(code)")
        }
        #expect(NAFSections.section(of: "1071C Boulangerie et boulangerie-pâtisserie") == "C")
        #expect(NAFSections.section(of: " 10") == "C")
        for bad in ["", "A", "4", "04.11Z", "34.10Z", "ZZ"] { #expect(NAFSections.section(of: bad) == nil, "\(bad)") }
    }

    @Test("the table covers 88 divisions in 21 sections, industry is B-E and manufacturing C")
    func table() {
        let divisions = NAFSections.sectionOfDivision.compactMap { $0 }
        #expect(divisions.count == 88 && Set(divisions).count == 21)
        #expect(NAFSections.membership(of: "D") == [true, false] && NAFSections.membership(of: "C") == [true, true])
        #expect(NAFSections.membership(of: "F") == [false, false] && NAFSections.membership(of: nil) == [false, false])
    }
}
