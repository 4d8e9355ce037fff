#if canImport(Glibc)
import Glibc
#endif
import TIQStore

/// libFuzzer target `csv`: the CSV reader on raw bytes, then the whole loader.
///
/// The reader runs over every input as is. For the loader, the first byte picks which of the
/// four dataset files the rest of the input replaces; the three others are the mini fixture's
/// (`TIQ_FUZZ_DATASET`), copied once into a private directory (on tmpfs when there is one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = CSVReader(bytes: bytes)
    reader.forEachRecord { record in
        _ = reader.record(at: record.offset, line: record.line)
        return true
    }
    guard let first = bytes.first else { return 0 }
    let directory = fuzzDirectory
    let name = datasetFiles[Int(first) % datasetFiles.count]
    writeFile(directory + "/" + name, bytes.dropFirst())
    defer { writeFile(directory + "/" + name, fixtureFiles[name] ?? []) }
    _ = try? DatasetLoader.loadSnapshot(directory: directory, id: 1)
    return 0
}

private let datasetFiles = ["territories.csv", "links.csv", "indicators.csv", "observations.csv"]

/// The fixture's files, read once.
private let fixtureFiles: [String: [UInt8]] = {
    guard let p = getenv("TIQ_FUZZ_DATASET") else { fatalError("set TIQ_FUZZ_DATASET (Fuzz/run.sh does)") }
    let source = String(cString: p)
    var files: [String: [UInt8]] = [:]
    for name in datasetFiles {
        guard let bytes = readFile(source + "/" + name) else { fatalError("cannot read \(source)/\(name)") }
        files[name] = bytes
    }
    return files
}()

/// A private dataset directory holding the fixture's files.
private let fuzzDirectory: String = {
    let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    let directory = "\(base)/tiq-fuzz-csv-\(getpid())"
    mkdir(directory, 0o700)
    for (name, bytes) in fixtureFiles { writeFile(directory + "/" + name, bytes[...]) }
    return directory
}()
