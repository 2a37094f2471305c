import Foundation
import HemicycleDomain
import Synchronization

/// A clock for tests: it starts at a fixed instant and moves only by one millisecond per reading (so that events
/// recorded one after the other keep their order) and when a test advances it.
public final class TestClock: WallClock, @unchecked Sendable {
    /// 2026-11-30 09:00 UTC.
    public static let start = Date(timeIntervalSince1970: 1_796_029_200)
    private let lock = NSLock()
    private var current: Date

    public init(start: Date = TestClock.start) { current = start }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        current = current.addingTimeInterval(0.001)
        return current
    }

    /// Moves the clock forward, as if `seconds` had passed.
    public func advance(by seconds: TimeInterval) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }
}

/// Identifiers for tests: `t1`, `t2`... in the order they are asked for.
public final class SequentialIdentifiers: IdentifierGenerator, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    public init() {}

    public func next() -> String {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return "t\(count)"
    }
}

/// The system's time moved forward by what a test asks: a live site's sessions and pages see real time passing,
/// and a wait for an announced instant (a draw's seed) is skipped rather than slept through.
public final class ShiftedClock: WallClock, Sendable {
    private let offset = Mutex<TimeInterval>(0)

    public init() {}

    public func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// Moves the clock forward, as if `seconds` had passed.
    public func advance(by seconds: TimeInterval) {
        offset.withLock { $0 += seconds }
    }

    /// Moves the clock just past `instant`, if it is still ahead.
    public func advance(past instant: Date) {
        advance(by: max(0, instant.timeIntervalSince(now())) + 1)
    }
}
