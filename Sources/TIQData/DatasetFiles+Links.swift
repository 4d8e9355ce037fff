import TIQStore

/// Appending links to a dataset directory, for importers that add a level linked to communes.
extension DatasetFiles {
    /// Appends `links` (weight 1) to `directory/links.csv`, creating it if needed.
    static func appendLinks(_ links: [LinkRecord], in directory: String) throws(DataError) {
        let path = FileIO.join(directory, "links.csv")
        var existing: [UInt8] = Array("child,parent\n".utf8)
        var width = 2
        if FileIO.isFile(path) {
            existing = try FileIO.read(path)
            width = try DelimitedText.parse(existing, path: path).header.count
            if let last = existing.last, last != 10 { existing.append(10) }
        }
        let tmp = path + ".tmp"
        let out = try ByteSink(path: tmp)
        out.appendBytes(existing)
        for l in links {
            out.appendField(l.child); out.appendByte(44); out.appendField(l.parent)
            for _ in 2..<max(2, width) { out.appendByte(44) }
            out.appendByte(10)
            try out.flushIfNeeded()
        }
        try out.close()
        try replace(path, with: tmp)
    }
}
