/// Limits on repeated attempts (sign-in, password reset), counted per key in fixed windows.
///
/// Sign-in counts per address *and client* (a guesser is slowed down), per client (one client cannot try many
/// addresses), and per address for browsers that never signed in to it (guesses spread over many clients are
/// slowed down too) — never for a browser the owner has signed in with: an attacker elsewhere cannot lock the owner
/// out.
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
    /// Sign-ins for one address from browsers it was never signed in with, whatever the client.
    public var signInPerAddressFromNewDevices: Limit
    /// Checks of a signed-in person's current password (changing it, deleting the account).
    public var passwordChecksPerAccount: Limit
    /// Sign-ups from one client (each costs a password hash and a mail).
    public var signUpPerClient: Limit
    /// Password-reset mails to one address, whoever asks (past it, the answer is the same but no mail leaves).
    public var resetPerAddress: Limit
    /// Password-reset requests for one address from one client.
    public var resetPerAddressAndClient: Limit
    /// Password-reset requests from one client.
    public var resetPerClient: Limit

    public init(signInPerAddressAndClient: Limit = Limit(maximum: 5, window: 15 * 60),
                signInPerClient: Limit = Limit(maximum: 50, window: 15 * 60),
                signInPerAddressFromNewDevices: Limit = Limit(maximum: 30, window: 3600),
                passwordChecksPerAccount: Limit = Limit(maximum: 5, window: 15 * 60),
                signUpPerClient: Limit = Limit(maximum: 10, window: 3600),
                resetPerAddress: Limit = Limit(maximum: 10, window: 3600),
                resetPerAddressAndClient: Limit = Limit(maximum: 3, window: 3600),
                resetPerClient: Limit = Limit(maximum: 20, window: 3600)) {
        self.signInPerAddressAndClient = signInPerAddressAndClient
        self.signInPerClient = signInPerClient
        self.signInPerAddressFromNewDevices = signInPerAddressFromNewDevices
        self.passwordChecksPerAccount = passwordChecksPerAccount
        self.signUpPerClient = signUpPerClient
        self.resetPerAddress = resetPerAddress
        self.resetPerAddressAndClient = resetPerAddressAndClient
        self.resetPerClient = resetPerClient
    }

    /// Seconds to wait before the next attempt, or `nil` when this one (already counted as `count` in the window
    /// that started at `windowStart`) may go on.
    public static func retryDelay(count: Int, windowStart: Double, limit: Limit, now: Double) -> Double? {
        guard count > limit.maximum else { return nil }
        return max(1, windowStart + limit.window - now)
    }
}
