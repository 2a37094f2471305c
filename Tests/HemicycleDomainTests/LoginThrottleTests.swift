import HemicycleDomain
import Testing

@Suite struct LoginThrottleTests {
    let throttle = LoginThrottle(maximumFailures: 5, window: 900)

    @Test func allowsAttemptsBelowTheLimit() {
        #expect(throttle.retryDelay(failures: [100, 110, 120, 130], now: 140) == nil)
    }

    @Test func locksAfterTheLimitUntilTheOldestFailureLeavesTheWindow() {
        let failures: [Double] = [100, 110, 120, 130, 140]
        #expect(throttle.retryDelay(failures: failures, now: 150) == 850)
        #expect(throttle.retryDelay(failures: failures, now: 999) == 1)
        #expect(throttle.retryDelay(failures: failures, now: 1000) == nil)
    }

    @Test func oldFailuresDoNotCount() {
        #expect(throttle.retryDelay(failures: [0, 1, 2, 3, 1000], now: 1001) == nil)
    }
}
