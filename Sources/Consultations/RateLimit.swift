/// A count of actions per key in fixed windows: how many a participant or an address may do in a window.
public struct RateWindow: Sendable, Hashable {
    public var maximum: Int
    /// Seconds.
    public var length: Double

    public init(maximum: Int, length: Double) {
        self.maximum = maximum
        self.length = length
    }
}

/// The counts of the current windows. Pure: the caller keeps it (in memory, behind a lock) and passes the time.
public struct RateCounter: Sendable {
    private var counts: [String: (start: Double, length: Double, count: Int)] = [:]
    private var lastSweep = 0.0
    /// Seconds between two sweeps of the windows that ended.
    private let sweepEvery: Double

    public init(sweepEvery: Double = 60) { self.sweepEvery = sweepEvery }

    /// Counts one action of `key` at `now`; whether it stays within `window`.
    public mutating func allow(_ key: String, window: RateWindow, now: Double) -> Bool {
        sweep(now: now)
        var entry = counts[key] ?? (now, window.length, 0)
        if now - entry.start >= window.length || now < entry.start { entry = (now, window.length, 0) }
        entry.count += 1
        counts[key] = entry
        return entry.count <= window.maximum
    }

    /// Keys whose window ended are forgotten, at most once every `sweepEvery`, so the table does not grow without end.
    private mutating func sweep(now: Double) {
        guard now - lastSweep >= sweepEvery else { return }
        lastSweep = now
        counts = counts.filter { now - $0.value.start < $0.value.length }
    }

    public var trackedKeys: Int { counts.count }
}

/// Checks of a form against robots: a field people never see must stay empty, and a form sent back sooner than a
/// person could read and type it is refused.
public enum FormRobotCheck {
    public static let minimumSeconds = 3.0

    /// `renderedAt` is the time the page put in the form; `now` when it came back.
    public static func isHuman(honeypot: String?, renderedAt: Double?, now: Double, maximumAge: Double = 86_400) -> Bool {
        guard (honeypot ?? "").isEmpty, let renderedAt else { return false }
        let elapsed = now - renderedAt
        return elapsed >= minimumSeconds && elapsed <= maximumAge
    }
}
