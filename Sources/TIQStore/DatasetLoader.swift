import Dispatch
import Synchronization
import TIQCore

/// Reads a dataset directory in the canonical format (protocol.md, "Dataset format"): four CSV files,
/// checked field by field, then as a whole, with every problem reported at `file:line:column`.
///
/// All or nothing: a dataset with any problem throws `LoadFailure` and nothing is built.
public enum DatasetLoader {
    /// Reads and validates the dataset in `directory`.
    ///
    /// - Parameter progress: called with a fraction in 0...1 as the files are read.
    public static func load(directory: String, progress: ((Double) -> Void)? = nil) throws(LoadFailure) -> Dataset {
        let (dataset, sources) = try read(in: DatasetDirectory(path: directory), progress: progress)
        var collector = DiagnosticCollector()
        _ = DatasetValidator.validate(dataset, sources: sources, collector: &collector)
        try collector.throwIfFailed()
        return dataset
    }

    /// Reads, validates and builds the snapshot of the dataset in `directory`.
    ///
    /// - Parameters:
    ///   - id: the snapshot's id.
    ///   - progress: called with a fraction in 0...1 while reading (first 60 %) and building.
    public static func loadSnapshot(directory: String, id: Int, progress: ((Double) -> Void)? = nil) throws(LoadFailure) -> Snapshot {
        try loadSnapshot(in: DatasetDirectory(path: directory), id: id, progress: progress)
    }

    /// Reads, validates and builds the snapshot of the dataset in `directory` (confined or not).
    public static func loadSnapshot(in directory: DatasetDirectory, id: Int, progress: ((Double) -> Void)? = nil) throws(LoadFailure) -> Snapshot {
        if let fast = directSnapshot(in: directory, id: id, progress: progress) {
            ReleaseMemory.now()
            try LoadMemoryBudget.check(directory.path, while: "the snapshot was built")
            return fast
        }
        let (dataset, sources) = try read(in: directory, progress: progress.map { p in { p($0 * 0.6) } })
        try LoadMemoryBudget.check(directory.path, while: "the files were read")
        let snapshot = try SnapshotBuilder.build(dataset, origin: directory.path, id: id, sources: sources,
                                                 progress: progress.map { p in { p(0.6 + $0 * 0.4) } })
        ReleaseMemory.now()
        try LoadMemoryBudget.check(directory.path, while: "the snapshot was built")
        return snapshot
    }

    /// The snapshot built by the fast path: the three small files read and checked as usual,
    /// `observations.csv` streamed into columns by `DirectObservationLoader`. Nil whenever
    /// anything is unusual or wrong, so that the general path reports it.
    static func directSnapshot(directory: String, id: Int, splitAbove: Int = DirectObservationLoader.splitThreshold, progress: ((Double) -> Void)?) -> Snapshot? {
        directSnapshot(in: DatasetDirectory(path: directory), id: id, splitAbove: splitAbove, progress: progress)
    }

    /// `directSnapshot(directory:…)` for a directory that may be confined.
    static func directSnapshot(in directory: DatasetDirectory, id: Int, splitAbove: Int = DirectObservationLoader.splitThreshold, progress: ((Double) -> Void)?) -> Snapshot? {
        guard let (dataset, sources) = try? read(in: directory, progress: nil, observations: false) else { return nil }
        var collector = DiagnosticCollector()
        let resolved = DatasetValidator.validate(dataset, sources: sources, collector: &collector)
        guard !collector.hasErrors else { return nil }
        let layout = LevelLayout(dataset, resolved)
        // The structure (memberships, attributes, name index) is built on another thread while
        // this one reads the observations: they are independent.
        let structure = Mutex<SnapshotBuilder.Structure?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let built = SnapshotBuilder.structure(dataset, resolved, layout: layout, progress: nil)
            structure.withLock { $0 = built }
        }
        let columns = DirectObservationLoader.columns(opening: { () throws(RegularFile.Failure) in try directory.open(DatasetFile.observations.name) }, resolved: resolved, layout: layout, splitAbove: splitAbove,
                                                      progress: progress.map { p in { p($0 * 0.95) } })
        group.wait()
        guard let columns, let parts = structure.withLock({ $0 }) else { return nil }
        progress?(1)
        return parts.snapshot(columns: columns, indicators: resolved.indicators, origin: directory.path, id: id)
    }

    /// Reads the four files (three without `observations`) into a dataset, checking each field's syntax.
    static func read(in directory: DatasetDirectory, progress: ((Double) -> Void)?,
                     observations: Bool = true) throws(LoadFailure) -> (Dataset, DatasetSourceMap) {
        var collector = DiagnosticCollector()
        var dataset = Dataset()
        var map = DatasetSourceMap()
        var tables: [DatasetFile: CSVTableReader] = [:]
        for file in DatasetFile.allCases where observations || file != .observations {
            tables[file] = CSVTableReader(file, in: directory, collector: &collector)
        }
        try collector.throwIfFailed()

        if var t = tables[.territories] {
            map.files[.territories] = readTerritories(&t, into: &dataset, collector: &collector)
        }
        progress?(0.05)
        if var t = tables[.links] {
            map.files[.links] = readLinks(&t, into: &dataset, collector: &collector)
        }
        progress?(0.1)
        if var t = tables[.indicators] {
            map.files[.indicators] = readIndicators(&t, into: &dataset, collector: &collector)
        }
        progress?(0.15)
        if var t = tables[.observations] {
            map.files[.observations] = ObservationReader.read(&t, into: &dataset, collector: &collector,
                                                              progress: progress.map { p in { p(0.15 + $0 * 0.85) } })
        }
        progress?(1)
        try collector.throwIfFailed()
        return (dataset, map)
    }

    private static func readTerritories(_ t: inout CSVTableReader, into dataset: inout Dataset,
                                        collector: inout DiagnosticCollector) -> DatasetSourceMap.FileSource? {
        guard let head = t.readHeader(required: ["level", "code", "name"], collector: &collector),
              let lc = t.column("level"), let cc = t.column("code"), let nc = t.column("name") else { return nil }
        let attributeColumns = t.header.indices.filter { $0 != lc && $0 != cc && $0 != nc }
        var headerOK = true
        for k in attributeColumns {
            let name = t.header[k]
            if !name.isTQLIdentifier {
                collector.error(.emptyOrInvalidField, "attribute column `\(name)` is not a valid name", at: t.location(head, k),
                                help: "attribute names are lowercase identifiers: letters, digits and `_`, starting with a letter")
                headerOK = false
            }
        }
        guard headerOK else { return nil }
        dataset.attributeNames = attributeColumns.map { t.header[$0] }
        var reportedLevels = Set<String>()
        let decimalComma = t.reader.decimalComma
        let offsets = t.forEachRecord(collector: &collector) { rec, collector in
            let level = rec[lc].trimmingASCIISpaces(), code = rec[cc].trimmingASCIISpaces(), name = rec[nc].trimmingASCIISpaces()
            var ok = true
            for (value, k, what) in [(level, lc, "level"), (code, cc, "code"), (name, nc, "name")] where value.isEmpty {
                collector.error(.emptyOrInvalidField, "the territory's \(what) is empty", at: t.location(rec, k),
                                help: "every territory needs a level, a code and a name")
                ok = false
            }
            if !level.isEmpty, !level.isTQLIdentifier {
                if reportedLevels.insert(level).inserted {
                    collector.error(.emptyOrInvalidField, "level `\(level)` is not a valid level name", at: t.location(rec, lc),
                                    help: "level names are lowercase identifiers such as `commune`, `epci`, `ti1`")
                }
                ok = false
            }
            guard ok else { return false }
            let attributes = attributeColumns.map { k in canonicalNumber(rec[k].trimmingASCIISpaces(), decimalComma: decimalComma) }
            dataset.territories.append(TerritoryRecord(level: level, code: code, name: name, attributes: attributes))
            return true
        }
        return t.source(offsets: offsets)
    }

    private static func readLinks(_ t: inout CSVTableReader, into dataset: inout Dataset,
                                  collector: inout DiagnosticCollector) -> DatasetSourceMap.FileSource? {
        guard t.readHeader(required: ["child", "parent"], collector: &collector) != nil,
              let cc = t.column("child"), let pc = t.column("parent") else { return nil }
        let wc = t.column("weight")
        let validity = LinkValidityColumns(t)
        let decimalComma = t.reader.decimalComma
        let offsets = t.forEachRecord(collector: &collector) { rec, collector in
            guard let (from, to) = validity.read(rec, t, collector: &collector) else { return false }
            var weight = 1.0
            if let wc {
                let text = rec[wc].trimmingASCIISpaces()
                if !text.isEmpty {
                    guard let w = NumberParser.parse(text, decimalComma: decimalComma) else {
                        collector.error(.badWeight, "weight `\(text)` is not a number", at: t.location(rec, wc),
                                        help: "write the child's share inside the parent as a number in (0, 1], or leave it empty for 1")
                        return false
                    }
                    weight = w
                }
            }
            dataset.links.append(LinkRecord(child: rec[cc].trimmingASCIISpaces(), parent: rec[pc].trimmingASCIISpaces(), weight: weight,
                                             from: from, to: to))
            return true
        }
        return t.source(offsets: offsets)
    }

    private static func readIndicators(_ t: inout CSVTableReader, into dataset: inout Dataset,
                                       collector: inout DiagnosticCollector) -> DatasetSourceMap.FileSource? {
        let required = ["code", "name", "unit", "aggregate", "frequency", "source"]
        guard t.readHeader(required: required, collector: &collector) != nil else { return nil }
        let k = required.compactMap { t.column($0) }
        guard k.count == required.count else { return nil }
        let dc = t.column("description"), bc = t.column("breakdown")
        let offsets = t.forEachRecord(collector: &collector) { rec, collector in
            dataset.indicators.append(IndicatorRecord(
                code: rec[k[0]].trimmingASCIISpaces(), name: rec[k[1]].trimmingASCIISpaces(), unit: rec[k[2]].trimmingASCIISpaces(),
                aggregate: rec[k[3]].trimmingASCIISpaces(), frequency: rec[k[4]].trimmingASCIISpaces(),
                source: rec[k[5]].trimmingASCIISpaces(), description: dc.map { rec[$0].trimmingASCIISpaces() } ?? "",
                breakdown: bc.map { rec[$0].trimmingASCIISpaces() } ?? ""))
            return true
        }
        return t.source(offsets: offsets)
    }

    /// In a `;`-separated file, an attribute written as a decimal-comma number (`1 234,5`) is
    /// rewritten in the canonical form (`1234.5`) so the snapshot reads it as a number; other
    /// values are kept as they are.
    static func canonicalNumber(_ value: String, decimalComma: Bool) -> String {
        guard decimalComma, value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == 32 || $0 >= 0x80 }),
              let v = NumberParser.parse(value, decimalComma: true) else { return value }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}
