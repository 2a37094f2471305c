import Conventions
import HemicycleDomain
import Testing

@Suite("The pool set against the quotas")
struct PoolReportTests {
    let plan = try! QuotaPlan.derive(criteria: [QuotaPlanTests.sex, QuotaPlanTests.area], panelSize: 10)

    @Test("counts, shares and representation per value")
    func counts() {
        // 6 women (4 urban, 2 rural), 14 men (13 urban, 1 rural).
        let pool = Array(repeating: [0, 0], count: 4) + Array(repeating: [0, 1], count: 2) + Array(repeating: [1, 0], count: 13) + [[1, 1]]
        let report = PoolReport(plan: plan, volunteers: pool)
        #expect(report.poolSize == 20)
        #expect(report.rows[0].map(\.poolCount) == [6, 14])
        #expect(report.rows[1].map(\.poolCount) == [17, 3])
        #expect(abs(report.rows[0][0].poolShare - 0.3) < 1e-12)
        #expect(abs(report.rows[0][0].representation! - 0.3 / 0.516) < 1e-12)
        #expect(report.rows[0][0].quota == Quota(min: 5, max: 6))
        #expect(report.canMeetQuotasValueByValue)
    }

    @Test("a value with fewer volunteers than its minimum is named, once per fact")
    func shortfalls() {
        // 3 women for a minimum of 5; 6 urban for a minimum of 8 (which also means too few people who are not rural:
        // the same fact, told once).
        let pool = [[0, 1], [0, 1], [0, 1]] + Array(repeating: [1, 0], count: 6) + Array(repeating: [1, 1], count: 3)
        let report = PoolReport(plan: plan, volunteers: pool)
        #expect(report.problems == [
            .tooFewWithValue(criterion: "sex", value: "female", available: 3, minimum: 5),
            .tooFewWithValue(criterion: "area", value: "urban", available: 6, minimum: 8),
        ])
        #expect(!report.canMeetQuotasValueByValue)
    }

    @Test("too few volunteers without a value: its maximum leaves seats the others cannot fill")
    func maximumShortfall() throws {
        let region = QuotaPlanTests.criterion("region", [("a", 0.5), ("b", 0.3), ("c", 0.2)])
        let plan = try QuotaPlan.derive(criteria: [region], panelSize: 10, tolerance: 0.2)
        #expect(plan.quotas[0] == [Quota(min: 4, max: 6), Quota(min: 2, max: 4), Quota(min: 1, max: 3)])
        // Every minimum is met (20 in a, 2 in b, 1 in c), but a may take at most 6 seats and only 3 others volunteered.
        let pool = Array(repeating: [0], count: 20) + [[1], [1], [2]]
        #expect(PoolReport(plan: plan, volunteers: pool).problems == [
            .tooFewWithoutValue(criterion: "region", value: "a", available: 3, needed: 4),
        ])
    }

    @Test("a pool smaller than the panel, and too few households")
    func sizes() {
        let small = PoolReport(plan: plan, volunteers: Array(repeating: [0, 0], count: 4))
        #expect(small.problems.first == .poolSmallerThanPanel(pool: 4, panel: 10))
        let pool = Array(repeating: [0, 0], count: 5) + Array(repeating: [1, 0], count: 5) + Array(repeating: [1, 1], count: 2)
        let households: [String?] = ["a", "a", "b", "b", "c", "c", "d", "d", nil, nil, "e", "e"]
        // a, b, c, d, e and two volunteers without a household: 7 households for 10 seats.
        let report = PoolReport(plan: plan, volunteers: pool, households: households)
        #expect(report.problems.contains(.tooFewHouseholds(households: 7, panel: 10)))
        #expect(!PoolReport(plan: plan, volunteers: pool).problems.contains { if case .tooFewHouseholds = $0 { true } else { false } })
    }
}
