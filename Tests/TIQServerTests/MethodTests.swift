import Foundation
import Testing
import TIQWire

/// catalog, status, lookup and load against the mini fixture.
@Suite struct MethodTests {
    @Test func catalogListsWhatTheFilesHold() throws {
        let d = Daemon.inProcess()
        d.request("1", "catalog")
        let r = try #require(d.next()?.result)
        let fixture = try FixtureCounts(directory: TestPaths.mini)
        let codes = r["indicators"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes.sorted() == fixture.indicatorCodes.sorted())
        let emploi = r["indicators"]?.arrayValue?.first { $0["code"]?.stringValue == "emploi_ind" }
        #expect(emploi?["unit"]?.stringValue == "jobs")
        #expect(emploi?["aggregate"]?.stringValue == "sum")
        #expect(emploi?["frequency"]?.stringValue == "A")
        #expect(emploi?["levels"] == .array([.string("commune")]))
        // Period range straight from observations.csv.
        let obs = try String(contentsOfFile: TestPaths.mini + "/observations.csv", encoding: .utf8)
        var years: [String] = []
        for line in obs.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[1] == "emploi_ind" { years.append(fields[2]) }
        }
        #expect(emploi?["periods"]?["first"]?.stringValue == years.min())
        #expect(emploi?["periods"]?["last"]?.stringValue == years.max())
        let levels = r["levels"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(Set(levels) == Set(fixture.territoriesByLevel.keys))
    }

    @Test func catalogOfOneLevel() throws {
        let d = Daemon.inProcess()
        d.request("1", "catalog", #"{"level":"epci"}"#)
        let r = try #require(d.next()?.result)
        #expect(r["levels"]?.arrayValue?.count == 1)
        #expect(r["levels"]?.arrayValue?.first?["count"]?.intValue == 3)
        // Both indicators are stored at commune and summable, so usable at epci.
        #expect(r["indicators"]?.arrayValue?.count == 2)
    }

    @Test func statusReportsCounters() throws {
        let d = Daemon.inProcess()
        for i in 1...3 { d.request(String(i), "status") }
        _ = d.replies(for: ["1", "2", "3"])
        d.request("4", "status")
        let r = try #require(d.next()?.result)
        #expect(r["requestsServed"]?.intValue == 3)
        #expect(r["inFlight"]?.intValue == 1)
        #expect(r["snapshot"]?.intValue == 1)
        #expect((r["memoryBytes"]?.intValue ?? 0) > 1_000_000)
        #expect((r["uptimeMs"]?.intValue ?? -1) >= 0)
    }

    @Test func loadIsRefusedWithoutDataRoot() throws {
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini"])
        d.request("1", "load", #"{"path":"Tests/TIQServerTests/Fixtures/mini"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == -32602)
        #expect(r.errorMessage.contains("--data-root"))
    }

    @Test(arguments: ["../Fixtures/mini", "/etc", "mini/../../..", "escape"])
    func loadStaysInsideTheDataRoots(path: String) throws {
        // `escape` is a symlink created below, pointing outside the root.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-roots-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/escape", withDestinationPath: TestPaths.mini)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", root])
        d.request("1", "load", "{\"path\":\"\(path)\"}")
        let r = try #require(d.next())
        #expect(r.errorCode == -32602, "\(r.jsonText)")
        #expect(r.errorMessage.contains(root), "the error names the allowed root: \(r.errorMessage)")
        d.request("2", "status")
        #expect(d.next()?.result?["snapshot"]?.intValue == 1)
    }

    @Test func loadSwapsTheSnapshotAndReportsProgress() throws {
        let d = Daemon.inProcess()
        d.request("1", "load", #"{"path":"mini","progressToken":"tok"}"#)
        d.request("2", "status")
        var progress: [String] = []
        var replies: [String: JSONValue] = [:]
        while replies.count < 2, let m = d.next() {
            if m["method"]?.stringValue == "$/progress" {
                #expect(m["params"]?["token"]?.stringValue == "tok")
                progress.append(m["params"]?["value"]?["kind"]?.stringValue ?? "?")
            } else if let id = m.idText {
                replies[id] = m
            }
        }
        #expect(progress.first == "begin")
        #expect(progress.last == "end")
        let loaded = try #require(replies["1"]?.result)
        #expect(loaded["snapshot"]?.intValue == 2)
        #expect(loaded["origin"]?.stringValue?.hasSuffix("/Fixtures/mini") == true)
        // status arrived after load, so it sees the new snapshot.
        #expect(replies["2"]?.result?["snapshot"]?.intValue == 2)
    }

    @Test func anAbsolutePathInsideARootIsAccepted() throws {
        let d = Daemon.inProcess()
        d.request("1", "load", "{\"path\":\"\(TestPaths.mini)\"}")
        let r = try #require(d.next())
        #expect(r.result?["snapshot"]?.intValue == 2, "\(r.jsonText)")
    }

    @Test func failedLoadKeepsTheOldSnapshotAndReturnsDiagnostics() throws {
        let d = Daemon.inProcess()
        d.request("1", "load", #"{"path":"broken"}"#)
        let r = try #require(d.next())
        #expect(r.errorCode == 6)
        let diagnostics = r["error"]?["data"]?["diagnostics"]?.arrayValue ?? []
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.first?["file"]?.stringValue?.hasSuffix("observations.csv") == true)
        #expect(diagnostics.first?["span"]?["line"]?.intValue == 2)
        d.request("2", "status")
        let s = try #require(d.next()?.result)
        #expect(s["snapshot"]?.intValue == 1)
        #expect(s["origin"]?.stringValue == Daemon.path("Tests/TIQServerTests/Fixtures/mini"))
    }

    @Test func lookupReturnsTerritoriesOfTheSnapshot() throws {
        let d = Daemon.inProcess()
        d.request("1", "lookup", #"{"name":"Les Adrets","level":"commune","limit":3}"#)
        let r = try #require(d.next()?.result)
        let matches = r["matches"]?.arrayValue ?? []
        #expect(matches.count <= 3)
        for m in matches {
            #expect(m["level"]?.stringValue == "commune")
            #expect(m["code"]?.stringValue?.count == 5)
        }
        let best = try #require(matches.first)
        #expect(best["code"]?.stringValue == "38002")
    }
}

/// A load swapping the snapshot while a request is running.
@Suite struct SnapshotSwapTests {
    @Test func aRequestInFlightKeepsItsSnapshotWhileLaterOnesSeeTheNewOne() throws {
        let d = Daemon.inProcess()
        d.request("1", "$/test/sleep", #"{"ms":600}"#)
        d.request("2", "load", #"{"path":"mini"}"#)
        d.request("3", "$/test/sleep", #"{"ms":0}"#)
        let replies = d.replies(for: ["1", "2", "3"])
        #expect(replies["2"]?.result?["snapshot"]?.intValue == 2)
        // Arrived before the load: keeps snapshot 1 although the load finished while it ran.
        #expect(replies["1"]?.result?["snapshot"]?.intValue == 1)
        // Arrived after the load: waits for it and reads snapshot 2.
        #expect(replies["3"]?.result?["snapshot"]?.intValue == 2)
    }
}
