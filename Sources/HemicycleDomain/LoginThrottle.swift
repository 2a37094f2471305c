/// Limits on repeated attempts (sign-in, password reset), counted per key in fixed windows.
///
/// Sign-in counts per address *and client* (a guesser is slowed down) and per client (one client cannot try many
/// addresses), never per address alone: an attacker elsewhere cannot lock the owner of an address out.
public struct LoginThrottle: Sendable {
    public struct Limit: Sendable, Equatable {
        /// Attempts allowed in one window; the next one is refused.
        public var maximum: Int
        /// The window, in seconds.
        public var window: Double

        public init(maximum: Int, window: Double) {
            self.maximum = maximum
            self.window = window
        }
    }

    /// Sign-in attempts for one address from one client.
    public var signInPerAddressAndClient: Limit
    /// Failed sign-ins from one client, whatever the address.
    public var signInPerClient: Limit
    /// Password-reset requests for one address, whoever asks.
    public var resetPerAddress: Limit
    /// Password-reset requests from one client.
    public var resetPerClient: Limit

    public init(signInPerAddressAndClient: Limit = Limit(maximum: 5, window: 15 * 60),
                signInPerClient: Limit = Limit(maximum: 50, window: 15 * 60),
                resetPerAddress: Limit = Limit(maximum: 3, window: 3600),
                resetPerClient: Limit = Limit(maximum: 20, window: 3600)) {
        self.signInPerAddressAndClient = signInPerAddressAndClient
        self.signInPerClient = signInPerClient
        self.resetPerAddress = resetPerAddress
        self.resetPerClient = resetPerClient
    }

    /// Seconds to wait before the next attempt, or `nil` when this one (already counted as `count` in the window
    /// that started at `windowStart`) may go on.
    public static func retryDelay(count: Int, windowStart: Double, limit: Limit, now: Double) -> Double? {
        guard count > limit.maximum else { return nil }
        return max(1, windowStart + limit.window - now)
    }
}
