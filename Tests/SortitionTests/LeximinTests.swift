import Foundation
import LinearSolvers
import Sortition
import TestRequirements
import Testing

@Suite("LEXIMIN against the published results", .enabled(if: Requirement.runs(when: SharedSortition.isAvailable, "../shared/data/sortition")))
struct LeximinTests {
    @Test("example_small_20 and example_large_200: minimum 0.10 and the paper's distribution", arguments: [("example_small_20", 20), ("example_large_200", 200)])
    func paperExamples(folder: String, k: Int) throws {
        try Requirement.require(SharedSortition.isAvailable, SharedSortition.skipMessage)
        let instance = try SharedSortition.replication(folder, k: k)
        let distribution = try Leximin.distribution(for: instance)
        let ours = distribution.probabilities.sorted()
        let reference = try SharedSortition.referenceLeximin(folder)
        #expect(ours.count == reference.count)
        #expect(abs(distribution.minimumProbability - 0.10) < 1e-4)
        let worst = zip(ours, reference).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-3, "largest difference from the paper's sorted probabilities: \(worst)")
        try DistributionChecks.assertSound(distribution)
    }

    @Test("sa_fixture_150_22: the same minimum and sorted probabilities as sortition-algorithms' LEXIMIN")
    func sortitionFoundationFixture() throws {
        try Requirement.require(SharedSortition.isAvailable, SharedSortition.skipMessage)
        let instance = try SharedSortition.sortitionFoundation("sa_fixture_150_22", k: 22)
        let distribution = try Leximin.distribution(for: instance)
        let reference = try SharedSortition.committedReference("sa_fixture_150_22.sortition-algorithms-0.12.15.leximin.csv")
        let ours = distribution.probabilities.sorted()
        #expect(ours.count == reference.count)
        #expect(abs(distribution.minimumProbability - reference[0]) < 1e-4)
        #expect(abs(distribution.minimumProbability - 1.0 / 11.0) < 1e-4)
        let worst = zip(ours, reference).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-3, "largest difference from sortition-algorithms: \(worst)")
        try DistributionChecks.assertSound(distribution)
    }

    @Test("LEGACY over 10,000 draws never beats LEXIMIN's minimum (example_small_20)")
    func legacyNeverBeatsLeximin() throws {
        try Requirement.require(SharedSortition.isAvailable, SharedSortition.skipMessage)
        let instance = try SharedSortition.replication("example_small_20", k: 20)
        let leximin = try Leximin.distribution(for: instance).minimumProbability
        var generator = DrawGenerator(seed: "legacy-comparison")
        let legacy = try Legacy.estimatedProbabilities(instance, draws: 10_000, generator: &generator)
        let legacyMinimum = legacy.min() ?? 1
        #expect(legacyMinimum <= leximin + 1e-9, "LEGACY minimum \(legacyMinimum), LEXIMIN \(leximin)")
        // The paper's LEGACY curve on this instance starts near 1.1% (99% upper bound 1.21%).
        #expect(legacyMinimum < 0.05)
        #expect(abs(legacy.reduce(0, +) - 20) < 1e-9)
    }
}

/// Properties every distribution must have.
enum DistributionChecks {
    static func assertSound(_ distribution: PanelDistribution, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let instance = distribution.instance
        let members = distribution.profiles.members
        #expect(abs(distribution.weights.reduce(0, +) - 1) < 1e-9, sourceLocation: sourceLocation)
        #expect(distribution.weights.allSatisfy { $0 > 0 }, sourceLocation: sourceLocation)
        for panel in distribution.panels {
            // Take the first members of each profile: any choice within a profile is equivalent for the quotas.
            let people = zip(panel.profiles, panel.counts).flatMap { members[$0].prefix($1) }
            #expect(people.count == instance.panelSize, sourceLocation: sourceLocation)
            #expect(instance.allows(panel: Array(people)), "a panel in the support breaks a quota", sourceLocation: sourceLocation)
        }
        let sum = distribution.probabilities.reduce(0, +)
        #expect(abs(sum - Double(instance.panelSize)) < 1e-6, "probabilities sum to \(sum)", sourceLocation: sourceLocation)
        #expect(distribution.probabilities.allSatisfy { $0 >= -1e-12 && $0 <= 1 + 1e-9 }, sourceLocation: sourceLocation)
    }
}

