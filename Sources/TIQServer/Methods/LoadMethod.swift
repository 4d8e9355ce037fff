import TIQStore
import TIQProtocol
import TIQWire

/// `load {path, progressToken?}` → `LoadResult`: the new snapshot's summary and `elapsedMs`.
///
/// `path` names a dataset directory inside a `--data-root` (see `DataRoots`). The new snapshot
/// is built off to the side and swapped in atomically; queries in flight keep the old one. A
/// failed load keeps the old snapshot and fails with code 6 and the loader's diagnostics. With
/// `progressToken`, `$/progress` notifications report `begin`, `report` (percentage) and `end`.
enum LoadMethod: MethodHandler {
    static let method = "load"
    static let execution = MethodExecution.workers
    static let access = SnapshotAccess.write

    static func handle(_ request: RequestContext) async throws -> [UInt8] {
        let server = request.server
        let params = try LoadParams(request.params)
        let path = params.path
        let token = params.progressToken
        let directory = try DataRoots(server.configuration.dataRoots).resolve(path)
        let id = server.snapshots.reserveSnapshotID()
        let clock = ContinuousClock()
        let start = clock.now
        if let token { server.sendProgress(token: token, kind: "begin", message: "loading \(path)", percentage: 0) }
        let reporter = ProgressThrottle(token: token, server: server)
        let snapshot: Snapshot
        do {
            snapshot = try DatasetLoader.loadSnapshot(in: directory, id: id,
                                                      progress: token == nil ? nil : { reporter.report($0) })
        } catch {
            if let token { server.sendProgress(token: token, kind: "end", message: "failed") }
            throw error
        }
        try Task.checkCancellation()
        server.snapshots.install(snapshot)
        if let token { server.sendProgress(token: token, kind: "end", message: "snapshot \(snapshot.id) in service") }
        let elapsed = clock.now - start
        ServerLog.info("loaded \(directory.path) as snapshot \(snapshot.id)")
        for w in snapshot.loadWarnings { ServerLog.info("snapshot \(snapshot.id): \(w.description)") }
        let elapsedMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return LoadResult(dataset: DatasetSummary(snapshot), elapsedMs: elapsedMs).jsonBytes
    }
}

/// Sends a `report` progress notification each time the fraction advances by 10 points.
final class ProgressThrottle: @unchecked Sendable {
    private let token: JSONValue?
    private let server: ServerServices
    /// Invariant: only touched by the loader's thread, which calls `report` sequentially.
    private var lastPercent = 0

    init(token: JSONValue?, server: ServerServices) {
        self.token = token
        self.server = server
    }

    func report(_ fraction: Double) {
        guard let token else { return }
        let percent = Int((max(0, min(1, fraction)) * 100).rounded(.down))
        guard percent >= lastPercent + 10 else { return }
        lastPercent = percent
        server.sendProgress(token: token, kind: "report", percentage: percent)
    }
}
