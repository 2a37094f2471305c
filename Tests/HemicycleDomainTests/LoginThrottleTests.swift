import HemicycleDomain
import Testing

@Suite struct LoginThrottleTests {
    let limit = LoginThrottle.Limit(maximum: 5, window: 900)

    @Test func allowsAttemptsUpToTheLimit() {
        for count in 1...5 { #expect(LoginThrottle.retryDelay(count: count, windowStart: 100, limit: limit, now: 140) == nil) }
    }

    @Test func refusesPastTheLimitUntilTheWindowEnds() {
        #expect(LoginThrottle.retryDelay(count: 6, windowStart: 100, limit: limit, now: 150) == 850)
        #expect(LoginThrottle.retryDelay(count: 30, windowStart: 100, limit: limit, now: 999.5) == 1)
    }

    @Test func signInIsNeverLimitedPerAddressAlone() {
        // Every sign-in limit names the client: an attacker elsewhere cannot lock an address's owner out.
        let throttle = LoginThrottle()
        #expect(throttle.signInPerAddressAndClient.maximum < throttle.signInPerClient.maximum)
    }
}
