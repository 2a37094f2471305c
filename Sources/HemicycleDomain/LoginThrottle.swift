/// Decides when repeated failed sign-ins lock an address for a while.
public struct LoginThrottle: Sendable {
    /// Failures allowed inside the window before sign-in is refused.
    public var maximumFailures: Int
    /// How far back failures count, in seconds.
    public var window: Double

    public init(maximumFailures: Int = 5, window: Double = 15 * 60) {
        self.maximumFailures = maximumFailures
        self.window = window
    }

    /// Seconds to wait before the next attempt, or `nil` when an attempt may be made now.
    ///
    /// - Parameters:
    ///   - failures: times (seconds since the epoch) of failed attempts since the last success.
    ///   - now: the current time, in the same unit.
    public func retryDelay(failures: [Double], now: Double) -> Double? {
        let recent = failures.filter { now - $0 < window }.sorted()
        guard recent.count >= maximumFailures else { return nil }
        // Locked until the oldest failure that keeps the count at the limit leaves the window.
        let unlockAt = recent[recent.count - maximumFailures] + window
        return max(1, unlockAt - now)
    }
}
