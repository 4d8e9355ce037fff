#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TIQData
import TIQStore

/// `tiq snapshot`: loads a dataset once and writes its built store as a binary file that
/// `tiq serve --snapshot FILE` opens in a fraction of a CSV load.
enum SnapshotCommand: Command {
    static let spec = CommandSpec(
        name: "snapshot",
        summary: "write the built store of a dataset (the demo by default) to a binary snapshot file",
        discussion: """
            Loads and checks the dataset in DIR (the embedded demo without --data), builds the indexed
            store, and writes it to FILE: the catalog, levels, attributes, memberships and every column
            as raw little-endian Float64 with its statuses, behind a header holding a magic, a format
            version, the length and a checksum. `tiq serve --snapshot FILE` opens it without reading
            CSV; a truncated, altered or other-version file is refused with a clear error.
            """,
        options: [
            .option("--data", "DIR", "a dataset directory (territories.csv, links.csv, indicators.csv, observations.csv)"),
            .option("--out", "FILE", "where to write the snapshot (replaced atomically)", required: true),
        ],
        examples: ["tiq generate --out s --level epci --indicators 2 && tiq snapshot --data s --out s.tiqsnap && echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\"}' | tiq serve --snapshot s.tiqsnap"])

    static func run(_ arguments: [String]) throws -> Int32 {
        var args = ArgumentReader(arguments, spec: spec)
        let data = try args.option("--data")
        guard let out = try args.option("--out") else {
            throw UsageError("--out FILE is required: where to write the snapshot", command: name)
        }
        let rest = try args.finish()
        guard rest.isEmpty else { throw UsageError("unexpected argument `\(rest[0])`; see `tiq snapshot --help`", command: name) }
        let started = monotonicSeconds()
        let snapshot: Snapshot
        switch SnapshotLoading.load(data) {
        case .success(let s): snapshot = s
        case .failure(let failure):
            printError("tiq snapshot: \(failure)")
            return ExitCode.dataError
        }
        let loaded = monotonicSeconds()
        do {
            try SnapshotFile.write(snapshot, to: out)
        } catch {
            printError("tiq snapshot: \(error)")
            return ExitCode.failure
        }
        let written = monotonicSeconds()
        printError("tiq snapshot: \(snapshot.observationCount) observations; loaded in \(seconds(loaded - started)), written to \(out) in \(seconds(written - loaded))")
        return ExitCode.success
    }

    private static func seconds(_ s: Double) -> String {
        let centis = Int((s * 100).rounded())
        return "\(centis / 100).\(centis % 100 < 10 ? "0" : "")\(centis % 100) s"
    }

    private static func monotonicSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
