import Foundation
import Testing
import TIQCore
@testable import TIQStore

/// The example of protocol.md's dataset format, read from the page itself, loads and means what the
/// page says; and every D1xx code the loader can emit is documented there.
@Suite struct DatasetFormatDocTests {
    static let page: String? = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
        let doc = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("protocol.md")
        return try? String(contentsOf: doc, encoding: .utf8)
    }()

    /// The fenced `csv` block following the line that names `file`.
    static func block(after file: String, in page: String) -> String? {
        guard let heading = page.range(of: "`\(file)`\n\n```csv\n") else { return nil }
        let rest = page[heading.upperBound...]
        guard let end = rest.range(of: "```") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    @Test func exampleLoadsAsDescribed() throws {
        let page = try #require(Self.page)
        let territories: String = try #require(Self.block(after: "territories.csv", in: page))
        let links: String = try #require(Self.block(after: "links.csv", in: page))
        let indicators: String = try #require(Self.block(after: "indicators.csv", in: page))
        let observations: String = try #require(Self.block(after: "observations.csv", in: page))
        let dir = try TempDataset.make(territories: territories, links: links, indicators: indicators, observations: observations)
        let s = try DatasetLoader.loadSnapshot(directory: dir, id: 1)
        #expect(s.levels.map(\.name) == ["commune", "epci", "ti1", "dept"])
        let epci = s[level: s.levelByName["epci"]!]
        let row = Int(try #require(epci.rowByCode["240100883"]))
        guard case .number(let share)? = epci.attribute("ti1_share")?.column,
              case .flag(let flag)? = epci.attribute("ti1")?.column else { Issue.record("ti1 attributes"); return }
        #expect(abs(share[row] - (14035 + 248 * 0.5) / (14035 + 248)) < 1e-6)   // weights are Float
        #expect(flag.contains(row))
        #expect(s.indicators.first { $0.code == "taux_marge" }?.aggregate == .ratio(numerator: "ebe", denominator: "va"))
        let emp = try #require(s.column(s.indicatorByCode["emploi_ind"]!, at: s.levelByName["commune"]!))
        let commune = s[level: s.levelByName["commune"]!]
        #expect(emp.status(row: Int(commune.rowByCode["01002"]!), period: 0) == .secret)
        #expect(emp.status(row: Int(commune.rowByCode["01004"]!), period: 1) == .provisional)
    }

    @Test func everyCodeIsDocumented() throws {
        let page = try #require(Self.page)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/TIQCore/DiagnosticCode+Catalogue.swift"),
                                encoding: .utf8)
        let codes = source.split(separator: "\"").filter { $0.hasPrefix("D1") && $0.count == 4 }
        #expect(codes.count >= 25)
        for code in codes { #expect(page.contains("| \(code) |"), "\(code) is not in protocol.md") }
    }
}
