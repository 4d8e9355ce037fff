import TIQData

/// `tiq import contours`: an ADMIN EXPRESS GeoJSON layer into the contours of a dataset, for maps.
extension ImportCommand {
    static func importContours(_ arguments: [String]) throws {
        var args = ArgumentReader(arguments, spec: spec)
        let out = try required(&args, "--out")
        let level = try args.option("--level")
        let property = try args.option("--code-property")
        let tolerance = try args.option("--tolerance").map { text in
            guard let t = Double(text), t >= 0, t.isFinite else {
                throw UsageError("--tolerance takes a number ≥ 0 in the layer's unit (degrees or metres), got `\(text)`", command: name)
            }
            return t
        }
        let file = try oneFile(&args, "the GeoJSON file")
        let s = try ContourImporter.importContours(file: file, into: out, level: level, tolerance: tolerance, codeProperty: property)
        if s.unknown > 0 {
            printError("tiq import contours: warning: \(s.unknown) features refused, their code is not a \(s.level) of \(out) (\(s.unknownExamples.joined(separator: ", "))\(s.unknown > s.unknownExamples.count ? ", …" : ""))")
        }
        if s.withoutGeometry > 0 { printError("tiq import contours: warning: \(s.withoutGeometry) features without geometry skipped") }
        printError("tiq import contours: \(s.level) — \(s.territories) territories, \(s.pointsIn) points simplified to \(s.pointsOut) (tolerance \(s.tolerance)), \(s.droppedRings) small islands or holes dropped → \(s.path)")
    }
}
