import Foundation
import LinearSolvers
@testable import Sortition
import Testing

@Suite("Synthetic pools and the master's column pool")
struct SyntheticPoolTests {
    @Test("a synthetic pool is the same for the same seed, has a profile per volunteer or nearly, and is unlike the population")
    func poolShape() throws {
        let pool = try SyntheticPool.make(people: 400, panelSize: 40, categories: 6, seed: "shape")
        #expect(pool == (try SyntheticPool.make(people: 400, panelSize: 40, categories: 6, seed: "shape")))
        #expect(pool.people != (try SyntheticPool.make(people: 400, panelSize: 40, categories: 6, seed: "other")).people)
        #expect(pool.categories.map(\.name) == ["age", "sex", "education", "occupation", "region", "area"])
        #expect(pool.people.count == 400 && pool.people.allSatisfy { $0.values.count == 6 })
        #expect(Profiles(pool).count > 300, "profiles: \(Profiles(pool).count)")

        // Graduates volunteer more: their share of the pool is above the largest share the quotas give them.
        let education = 2, master = 3
        let graduates = Double(pool.people.filter { $0.values[education] == master }.count) / 400
        let quota = pool.categories[education].values[master]
        #expect(graduates > Double(quota.max) / 40, "graduates: \(graduates), quota \(quota.min)–\(quota.max) of 40")
        // Values depend on each other: the oldest are retired far more often than the youngest.
        func retiredShare(age: Int) -> Double {
            let group = pool.people.filter { $0.values[0] == age }
            return Double(group.filter { $0.values[3] == 6 }.count) / Double(max(1, group.count))
        }
        #expect(retiredShare(age: 5) > 0.8 && retiredShare(age: 0) < 0.05)
        // The quotas admit a panel.
        #expect(throws: Never.self) { try Feasibility.check(pool, profiles: Profiles(pool), backend: COINOR()) }
    }

    @Test("LEXIMIN by rounds over panels gives the same probabilities whether the master keeps every panel or prunes them to a pool")
    func pruningKeepsTheOptimum() throws {
        let pool = try SyntheticPool.make(people: 70, panelSize: 24, categories: 5, seed: "hemicycle-mass")
        var pruned = false
        let kept = try Leximin.distribution(for: pool, backend: COINOR(), columnsPerRow: nil, relaxationFirst: false, progress: nil)
        let pooled = try Leximin.distribution(for: pool, backend: COINOR(), columnsPerRow: 1, relaxationFirst: false) { progress in
            if progress.columns < progress.panels { pruned = true }
        }
        #expect(pruned, "the master never pruned, so this test compares nothing")
        let difference = zip(kept.probabilities, pooled.probabilities).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-6, "largest difference: \(difference)")
        #expect(kept.minimumProbability > 0.1)
        try DistributionChecks.assertSound(pooled)
    }

    @Test("the lottery says whether it keeps within one ticket, as its probabilities show")
    func withinOneTicketIsWhatTheProbabilitiesSay() throws {
        var seen: Set<Bool> = []
        let pools = try ["hemicycle-mass", "one", "two"].map { try SyntheticPool.make(people: 70, panelSize: 24, categories: 5, seed: $0) }
        for (seed, pool) in zip(["hemicycle-mass", "one", "two", "small pool"], pools + [SmallPools.pool()]) {
            let distribution = try Leximin.distribution(for: pool)
            for m in [100, 1000] {
                let lottery = try TransparentLottery.round(distribution, tickets: m)
                let optimal = distribution.probabilities, rounded = lottery.distribution.probabilities
                // In tickets, with the engine's tolerance of a ten-thousandth of a ticket for round-off.
                let close = zip(optimal, rounded).allSatisfy { abs($0 - $1) * Double(m) <= 1 + 1e-4 }
                let floorOfMinimum = ((optimal.min() ?? 0) * Double(m) + 1e-4).rounded(.down)
                let keepsMinimum = (rounded.min() ?? 0) * Double(m) >= floorOfMinimum - 1e-4
                #expect(lottery.withinOneTicket == (close && keepsMinimum), "seed \(seed), \(m) tickets: largest \(zip(optimal, rounded).map { abs($0 - $1) * Double(m) }.max()!), min \(rounded.min()! * Double(m)) vs \(optimal.min()! * Double(m))")
                seen.insert(lottery.withinOneTicket)
            }
        }
        #expect(seen == [true, false], "these pools should show both outcomes: \(seen)")
    }
}
