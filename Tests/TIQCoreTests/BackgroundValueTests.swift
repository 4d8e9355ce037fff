import Dispatch
import Synchronization
import Testing
import TIQCore

/// The one future: ready at once, made by background work, or fulfilled by its holder; every
/// waiter gets the same value.
@Suite struct BackgroundValueTests {
    @Test func aReadyValueIsReadyAtOnce() {
        let v = BackgroundValue(ready: 42)
        #expect(v.isReady && v.value() == 42)
    }

    @Test func workOnAnotherThreadIsWaitedForByEveryCaller() {
        let gate = DispatchSemaphore(value: 0)
        let v = BackgroundValue { () -> [Int] in gate.wait(); return Array(0..<1000) }
        #expect(!v.isReady)   // the work cannot finish before the gate opens
        gate.signal()
        let group = DispatchGroup()
        let seen = Mutex<[Int]>([])
        for _ in 0..<8 {
            DispatchQueue.global().async(group: group) { let n = v.value().reduce(0, +); seen.withLock { $0.append(n) } }
        }
        group.wait()
        #expect(seen.withLock { $0 } == Array(repeating: 499_500, count: 8))
        #expect(v.isReady && v.value().count == 1000)
    }

    @Test func aHolderFulfilsItOnce() {
        let v = BackgroundValue<String>()
        #expect(!v.isReady)
        DispatchQueue.global().async { v.fulfil("done") }
        #expect(v.value() == "done" && v.value() == "done")
        #expect(v.isReady)
    }
}
