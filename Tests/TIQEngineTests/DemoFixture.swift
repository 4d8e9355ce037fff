import TIQData
import TIQEngine
import TIQStore

/// The demo snapshot, built once for every engine test.
enum DemoFixture {
    static let snapshot: Snapshot = {
        do { return try SnapshotBuilder.build(Demo.dataset(), origin: "demo", id: 1) } catch {
            fatalError("the demo dataset does not build: \(error)")
        }
    }()
    static let engine = Engine(snapshot: snapshot)
}
