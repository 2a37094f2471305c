import Foundation
import LinearSolvers
@testable import Sortition
import Testing

@Suite("LEXIMIN from the quotas' relaxation first")
struct RelaxationFirstTests {
    /// The relaxation's route alone: the distribution of panels reaching its leximin vector, or nil.
    static func relaxationReached(_ instance: SortitionInstance) throws -> PanelDistribution? {
        let profiles = Profiles(instance)
        let backend = COINOR()
        var generator = ColumnGenerator(model: PanelModel(instance: instance, profiles: profiles, backend: backend))
        let unseated = try generator.coverEveryone()
        return try Leximin.relaxationReached(instance: instance, profiles: profiles, unseated: unseated, generator: &generator,
                                             backend: backend, progress: nil)
    }

    static let poolNames = ["small pool", "small pool, one per household", "synthetic 70 x 24, five criteria",
                            "synthetic 110 x 15, six criteria"]

    static func pool(_ index: Int) throws -> SortitionInstance {
        switch index {
        case 0: SmallPools.pool()
        case 1: SmallPools.pool(households: true)
        case 2: try SyntheticPool.make(people: 70, panelSize: 24, categories: 5, seed: "relaxation-70")
        default: try SyntheticPool.make(people: 110, panelSize: 15, categories: 6, seed: "relaxation-110")
        }
    }

    @Test("on varied pools a distribution of panels reaches the relaxation's vector, and it is the rounds' LEXIMIN",
          arguments: poolNames.indices)
    func reachesTheRoundsLeximin(pool: Int) throws {
        let instance = try Self.pool(pool)
        let reached = try #require(try Self.relaxationReached(instance), "\(Self.poolNames[pool]): the relaxation was not reached")
        try DistributionChecks.assertSound(reached)
        let rounds = try Leximin.distribution(for: instance, relaxationFirst: false)
        let difference = zip(reached.probabilities, rounds.probabilities).map { abs($0 - $1) }.max() ?? 1
        #expect(difference < 1e-6, "\(Self.poolNames[pool]): largest difference from the rounds over panels \(difference)")
        // The relaxation bounds every distribution of panels from above, so reaching it is never worse.
        #expect(reached.minimumProbability >= rounds.minimumProbability - 1e-9)
        let relaxed = try RelaxedLeximin.probabilities(instance: instance, profiles: reached.profiles, zero: [], backend: COINOR())
        let fromPanels = reached.profileProbabilities
        #expect(zip(relaxed, fromPanels).allSatisfy { abs($0 - $1) < 1e-8 })
        #expect(try Leximin.distribution(for: instance).probabilities == reached.probabilities)
    }

    /// Seven volunteers on three yes/no criteria, panels of two: the relaxation seats everyone with at least 1/4 by
    /// splitting people across fractional panels; whole panels give the worst-off 1/5 at most. Every volunteer sits
    /// on some allowed panel, so nobody is left at 0 beforehand.
    static func integralityGap() -> SortitionInstance {
        func yesNo(_ name: String, _ no: (Int, Int), _ yes: (Int, Int)) -> QuotaCategory {
            QuotaCategory(name: name, values: [QuotaValue(name: "no", min: no.0, max: no.1), QuotaValue(name: "yes", min: yes.0, max: yes.1)])
        }
        let values = [[0, 1, 1], [1, 1, 1], [1, 0, 0], [1, 0, 0], [0, 0, 1], [1, 0, 1], [0, 1, 0]]
        return SortitionInstance(categories: [yesNo("a", (1, 2), (0, 2)), yesNo("b", (0, 2), (1, 2)), yesNo("c", (1, 2), (0, 1))],
                                 people: values.enumerated().map { Volunteer(id: "p\($0.offset)", values: $0.element) },
                                 panelSize: 2, onePerHousehold: false)
    }

    @Test("where the quotas' integrality matters, the relaxation is out of reach and the rounds over panels decide")
    func integralityGapFallsBack() throws {
        let instance = Self.integralityGap()
        let relaxed = try RelaxedLeximin.probabilities(instance: instance, profiles: Profiles(instance), zero: [], backend: COINOR())
        #expect(abs((relaxed.min() ?? 0) - 0.25) < 1e-9)
        #expect(try Self.relaxationReached(instance) == nil)
        let distribution = try Leximin.distribution(for: instance)
        try DistributionChecks.assertSound(distribution)
        #expect(abs(distribution.minimumProbability - 0.2) < 1e-7)
        let rounds = try Leximin.distribution(for: instance, relaxationFirst: false)
        #expect(zip(distribution.probabilities, rounds.probabilities).allSatisfy { abs($0 - $1) < 1e-7 })
    }
}
