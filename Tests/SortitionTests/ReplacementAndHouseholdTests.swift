import Sortition
import Testing

@Suite("Replacements and households")
struct ReplacementAndHouseholdTests {
    @Test("replacements keep the whole panel within the quotas and never seat someone twice")
    func replacementKeepsQuotas() throws {
        let instance = SmallPools.pool()
        let first = try Draw.run(DrawRequest(instance: instance, seed: "first", tickets: 200))
        let seated = first.panel.map { instance.people[$0].id }
        let withdrawn = Array(seated.prefix(3))
        let replacement = try Replacement.instance(original: instance, panel: seated, withdrawn: withdrawn)
        #expect(replacement.instance.panelSize == 3)
        #expect(replacement.instance.people.count == instance.people.count - 10)
        let second = try Draw.run(DrawRequest(instance: replacement.instance, seed: "second", tickets: 200, replacement: replacement.record))
        let newcomers = second.panel.map { replacement.instance.people[$0].id }
        #expect(Set(newcomers).isDisjoint(with: seated))
        let index = Dictionary(uniqueKeysWithValues: instance.people.enumerated().map { ($1.id, $0) })
        let whole = (replacement.record.kept + newcomers).map { index[$0]! }
        #expect(instance.allows(panel: whole), "kept + replacements must meet the original quotas")
        #expect(abs(second.probabilities.reduce(0, +) - 3) < 1e-9)
        #expect(DrawVerifier.verify(files: second.files).passed)
        #expect(second.manifest.replacement?.withdrawn == withdrawn)
    }

    @Test("a replacement needs people who are on the panel")
    func replacementRejectsStrangers() throws {
        let instance = SmallPools.pool()
        #expect(throws: SortitionError.self) {
            try Replacement.instance(original: instance, panel: ["v1", "v2"], withdrawn: ["v3"])
        }
    }

    @Test("with the household rule no panel seats two people of one household")
    func households() throws {
        let instance = SmallPools.pool(n: 80, households: true)
        let distribution = try Leximin.distribution(for: instance)
        try DistributionChecks.assertSound(distribution)
        for panel in distribution.panels {
            let people = zip(panel.profiles, panel.counts).flatMap { distribution.profiles.members[$0].prefix($1) }
            let homes = people.compactMap { instance.people[$0].household }
            #expect(Set(homes).count == homes.count)
        }
        let result = try Draw.run(DrawRequest(instance: instance, seed: "homes", tickets: 100))
        #expect(DrawVerifier.verify(files: result.files).passed)
        // Without the rule, the same pool allows a higher minimum or the same: the rule only removes panels.
        var free = instance
        free.onePerHousehold = false
        #expect(try Leximin.distribution(for: free).minimumProbability >= distribution.minimumProbability - 1e-6)
    }

    @Test("the order of the pool does not change anyone's probability")
    func orderInvariance() throws {
        let instance = SmallPools.pool()
        var reversed = instance
        reversed.people.reverse()
        let forward = try Leximin.distribution(for: instance).probabilities
        let backward = try Leximin.distribution(for: reversed).probabilities
        let byId = Dictionary(uniqueKeysWithValues: zip(reversed.people.map(\.id), backward))
        for (person, probability) in zip(instance.people, forward) {
            #expect(abs(probability - byId[person.id]!) < 1e-6, "\(person.id)")
        }
    }
}
