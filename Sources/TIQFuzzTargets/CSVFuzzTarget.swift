import TIQStore

/// Target `csv`: the CSV reader on raw bytes, then the whole loader.
///
/// The reader runs over every input as is. For the loader, the first byte picks which of the
/// four dataset files the rest of the input replaces; the three others are the fixture's, copied
/// once into a private scratch directory (on tmpfs when there is one).
public struct CSVFuzzTarget: FuzzTarget {
    /// The dataset files, in the order the first byte picks them.
    public static let datasetFiles = ["territories.csv", "links.csv", "indicators.csv", "observations.csv"]

    private let fixture: [String: [UInt8]]
    /// The private dataset directory the inputs are written into.
    public let directory: String

    /// A target whose other files come from the dataset in `datasetDirectory`; nil when a file
    /// cannot be read or the scratch directory cannot be made.
    public init?(datasetDirectory: String) {
        var files: [String: [UInt8]] = [:]
        for name in Self.datasetFiles {
            guard let bytes = FuzzFiles.read(datasetDirectory + "/" + name) else { return nil }
            files[name] = bytes
        }
        guard let directory = FuzzFiles.scratchDirectory("csv") else { return nil }
        fixture = files
        self.directory = directory
        for (name, bytes) in files { FuzzFiles.write(directory + "/" + name, bytes) }
    }

    /// Removes the scratch directory (a test does, once done; a fuzzer leaves it to the OS).
    public func removeScratch() { FuzzFiles.removeScratch(directory) }

    public func run(_ bytes: [UInt8]) -> [String] {
        let reader = CSVReader(bytes: bytes)
        reader.forEachRecord { record in
            _ = reader.record(at: record.offset, line: record.line)
            return true
        }
        guard let first = bytes.first else { return [] }
        let name = Self.datasetFiles[Int(first) % Self.datasetFiles.count]
        guard FuzzFiles.write(directory + "/" + name, bytes.dropFirst()) else { return ["cannot write \(directory)/\(name)"] }
        defer { FuzzFiles.write(directory + "/" + name, fixture[name] ?? []) }
        _ = try? DatasetLoader.loadSnapshot(directory: directory, id: 1)
        return []
    }
}
