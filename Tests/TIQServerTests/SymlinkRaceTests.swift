import Foundation
import Synchronization
import Testing
import TIQWire

/// `load` stays beneath its data root even while symbolic links change under it, and its
/// errors say nothing about what lies outside the roots.
@Suite struct SymlinkRaceTests {
    /// A data root and a sibling directory outside it, removed at the end.
    private struct Roots {
        let root: String
        let outside: String

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("tiq-race-\(UUID().uuidString)").path
            outside = root + "-outside"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: outside)
        }
    }

    /// The observation count a daemon rooted at `root` reports for loading `path`, undisturbed.
    private static func observations(root: String, path: String) throws -> Int? {
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", root])
        d.request("1", "load", "{\"path\":\"\(path)\"}")
        return try #require(d.next()).result?["observations"]?.intValue
    }

    @Test func pathsOutsideTheRootsAllGetTheSameMessage() throws {
        let roots = try Roots()
        defer { roots.remove() }
        try FileManager.default.createSymbolicLink(atPath: roots.root + "/out", withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: roots.root + "/cwd", withDestinationPath: "/proc/self/cwd")
        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", roots.root])
        // An existing directory, a readable-only-by-root file, a missing path, all outside;
        // then links inside the root that lead to them.
        let paths = ["/proc/self/cwd", "/etc/shadow", "/etc", "/no/such/place-\(UUID().uuidString)", "out", "cwd", "out/ssl"]
        var shapes: Set<String> = []
        for (i, path) in paths.enumerated() {
            d.request(String(i), "load", "{\"path\":\"\(path)\"}")
            let r = try #require(d.next())
            #expect(r.errorCode == -32602, "\(r.jsonText)")
            let message = r.errorMessage
            #expect(message.contains(roots.root), "names the allowed root: \(message)")
            let shape = message.replacingOccurrences(of: "\"\(path)\"", with: "PATH")
            #expect(!shape.contains(TestPaths.packageRoot) && !shape.contains("/etc") && !shape.contains("No such"),
                    "reveals nothing of the outside: \(message)")
            shapes.insert(shape)
        }
        #expect(shapes.count == 1, "one message for every path outside: \(shapes)")
        d.request("9", "status")
        #expect(d.next()?.result?["snapshot"]?.intValue == 1)
    }

    @Test func aLinkSwappedDuringLoadsNeverLeadsOutside() throws {
        let roots = try Roots()
        defer { roots.remove() }
        let fm = FileManager.default
        // Inside: a copy of mini whose observations.csv is a link to a file inside the root.
        try fm.copyItem(atPath: TestPaths.mini, toPath: roots.root + "/inside")
        try fm.moveItem(atPath: roots.root + "/inside/observations.csv", toPath: roots.root + "/obs-in.csv")
        // Outside: the same dataset with fewer observations, so a load that read it shows.
        try fm.copyItem(atPath: TestPaths.mini, toPath: roots.outside)
        let full = try String(contentsOfFile: TestPaths.mini + "/observations.csv", encoding: .utf8)
        let fewer = full.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n"
        try fewer.write(toFile: roots.outside + "/observations.csv", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: roots.root + "/ds", withDestinationPath: "inside")
        // An absolute link that stays inside the root is followed.
        try fm.createSymbolicLink(atPath: roots.root + "/inside/observations.csv", withDestinationPath: roots.root + "/obs-in.csv")
        // What each side loads when nothing moves: the two must differ for the test to see a leak.
        let insideRows = try #require(try Self.observations(root: roots.root, path: "ds"))
        let outsideRows = try #require(try Self.observations(root: roots.outside, path: "."))
        #expect(insideRows != outsideRows)

        // Two links flip between inside and outside, each replaced atomically (rename over it).
        let stop = Atomic<Bool>(false)
        let swapper = Thread {
            var flip = false
            let links = [(roots.root + "/ds", "inside", roots.outside),
                         (roots.root + "/inside/observations.csv", roots.root + "/obs-in.csv", roots.outside + "/observations.csv")]
            while !stop.load(ordering: .relaxed) {
                flip.toggle()
                for (link, inside, outside) in links {
                    let temporary = link + ".new"
                    unlink(temporary)
                    symlink(flip ? outside : inside, temporary)
                    rename(temporary, link)
                }
            }
        }
        swapper.start()
        defer { stop.store(true, ordering: .relaxed) }

        let d = Daemon.inProcess(["--data", "Tests/TIQServerTests/Fixtures/mini", "--data-root", roots.root])
        let loads = 300
        for i in 1...loads { d.request(String(i), "load", #"{"path":"ds"}"#) }
        var loaded = 0, refused = 0
        for _ in 1...loads {
            let r = try #require(d.next())
            if let result = r.result {
                loaded += 1
                #expect(result["observations"]?.intValue == insideRows, "a load read outside the root: \(r.jsonText)")
            } else {
                refused += 1
                #expect(!r.jsonText.contains(roots.outside), "an error names the outside: \(r.jsonText)")
            }
        }
        stop.store(true, ordering: .relaxed)
        #expect(loaded + refused == loads)
        print("symlink race: \(loaded) loads inside, \(refused) refused, of \(loads)")
    }
}
