import Testing
import Foundation
@testable import TIQData
import TIQCore
import TIQStore

@Suite("Streaming importers hold memory independent of the file's size")
struct StreamingMemoryTests {
    /// A generated Sirene stock of `rows` establishments over the sample communes and years,
    /// in INSEE's column layout (deterministic; SIRETs ascending).
    static func generatedStock(rows: Int) throws -> String {
        let path = SharedData.temporaryDirectory("sirene-gen") + "/StockEtablissement_utf8.csv"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var text = SireneSamples.stockHeader.joined(separator: ",") + "\n"
        let apes = ["10.71C", "47.11B", "35.11Z", "62.01Z", "25.11Z", "86.21Z"]
        let blank = String(repeating: ",", count: 18)
        for i in 0..<rows {
            let siret = String(10_000_000_000_000 + i * 7)
            let commune = PublishedSamples.communes[i % PublishedSamples.communes.count]
            let created = "\(2000 + i % 23)-0\(1 + i % 9)-1\(i % 10)"
            let closed = i % 3 == 0 ? "\(2005 + i % 19)-06-30" : ""
            // siren,nic,siret,…,codeCommuneEtablissement at 20, dateDebut 39, etat 40, activite 45, nomenclature 46.
            text += "\(siret.prefix(9)),\(siret.suffix(5)),\(siret),O,\(created),NN,,,2024-01-01T00:00:00,true,1,,1,,RUE,\"DE LA GARE, B\",01000,X,,,"
            text += "\(commune)" + blank + ",\(closed.isEmpty ? created : closed),\(closed.isEmpty ? "A" : "F"),,,,,\(apes[i % apes.count]),NAFRev2,N\n"
            if text.utf8.count > 1 << 20 { handle.write(Data(text.utf8)); text = "" }
        }
        handle.write(Data(text.utf8))
        try handle.close()
        return path
    }

    @Test("a Sirene stock ten times longer needs the same buffer and the same accumulator")
    func sireneMemoryDoesNotGrow() throws {
        var peaks: [Int] = [], cells: [Int] = []
        for rows in [3_000, 30_000] {
            let file = try Self.generatedStock(rows: rows)
            var options = SireneImporter.Options(stock: file, years: 2010...2022)
            options.chunkSize = 1 << 14
            let summary = try SireneImporter.importFiles(options, into: try PublishedSamples.dataset("sirene-mem"))
            #expect(summary.rows == rows)
            peaks.append(summary.peakBufferedBytes)
            cells.append(summary.accumulatorCells)
            try? FileManager.default.removeItem(atPath: file)
        }
        #expect(peaks[0] == peaks[1] && peaks[1] < 2 * (1 << 14), "reader buffers: \(peaks)")
        #expect(cells[0] == cells[1] && cells[1] <= PublishedSamples.communes.count * 13 * 9, "accumulator cells: \(cells)")
    }
}
