import Conventions
import Testing

@Suite("Votes of the convention: majority judgment and thresholds")
struct VoteTests {
    /// An independent majority value: the grades listed from the best to the worst, the middlemost (the lower one
    /// for an even count) taken out again and again.
    static func referenceMajorityValue(_ counts: [Int]) -> [Int] {
        var grades = counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        var value: [Int] = []
        while !grades.isEmpty { value.append(grades.remove(at: grades.count / 2)) }
        return value
    }

    @Test("majority grade and majority value, by hand")
    func byHand() {
        // Grades 0 (excellent) to 5 (to reject). A: one each of 0, 1, 2, 3, 4. B: 1, 2, 2, 3, 3.
        let a = MajorityJudgment.Tally(counts: [1, 1, 1, 1, 1, 0])
        let b = MajorityJudgment.Tally(counts: [0, 1, 2, 2, 0, 0])
        #expect(a.majorityGrade == 2 && b.majorityGrade == 2)
        #expect(a.majorityValue == [2, 3, 1, 4, 0])
        #expect(b.majorityValue == [2, 3, 2, 3, 1])
        #expect(MajorityJudgment.ranksAbove(a, b))
        #expect(!MajorityJudgment.ranksAbove(b, a))
        // Even number of voters: the worse of the two middle grades.
        #expect(MajorityJudgment.Tally(counts: [2, 0, 2]).majorityGrade == 2)
        #expect(MajorityJudgment.Tally(counts: [3, 0, 2]).majorityGrade == 0)
        #expect(MajorityJudgment.Tally(counts: [0, 0, 0]).majorityGrade == nil)
        let gauge = b.gauge!
        #expect(abs(gauge.better - 0.2) < 1e-12 && abs(gauge.worse - 0.4) < 1e-12)
    }

    @Test("the majority value matches an independent computation on random tallies, and ranking follows it")
    func random() {
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let grades = 2 + next(6)
            let tallies = (0..<4).map { _ in MajorityJudgment.Tally(counts: (0..<grades).map { _ in next(8) }) }
            for tally in tallies { #expect(tally.majorityValue == Self.referenceMajorityValue(tally.counts)) }
            let voters = tallies.map(\.voters).max()!
            let values = tallies.map { Self.referenceMajorityValue($0.padded(to: voters).counts) }
            let ranking = MajorityJudgment.ranking(tallies)
            for (earlier, later) in zip(ranking, ranking.dropFirst()) {
                #expect(!values[later.index].lexicographicallyPrecedes(values[earlier.index]))
                #expect((earlier.rank == later.rank) == (values[earlier.index] == values[later.index]))
            }
        }
    }

    @Test("a missing grade counts as the worst; adoption by the threshold grade")
    func padding() {
        let graded = MajorityJudgment.Tally(counts: [3, 0, 0])
        #expect(graded.padded(to: 7).counts == [3, 0, 4])
        #expect(graded.padded(to: 7).majorityGrade == 2)
        #expect(MajorityJudgment.isAdopted(MajorityJudgment.Tally(counts: [1, 2, 1, 1]), threshold: 1))
        #expect(!MajorityJudgment.isAdopted(MajorityJudgment.Tally(counts: [1, 1, 2, 1]), threshold: 1))
    }

    @Test("thresholds in whole numbers: more than half, at least two thirds, abstentions, quorum")
    func thresholds() {
        func choices(_ yes: Int, _ no: Int, _ abstain: Int) -> [ThresholdVote.Choice] {
            Array(repeating: .yes, count: yes) + Array(repeating: .no, count: no) + Array(repeating: .abstain, count: abstain)
        }
        let tie = ThresholdVote.count(choices(5, 5, 10), members: 150, rule: .simpleMajority)
        #expect(!tie.adopted && tie.base == 10 && tie.required == 6)
        #expect(ThresholdVote.count(choices(6, 5, 10), members: 150, rule: .simpleMajority).adopted)
        let twoThirds = ThresholdVote.count(choices(20, 9, 1), members: 150, rule: .twoThirds)
        #expect(twoThirds.adopted && twoThirds.required == 20 && twoThirds.base == 30)
        #expect(!ThresholdVote.count(choices(19, 9, 2), members: 150, rule: .twoThirds).adopted)
        let quorum = ThresholdVote.Rule(numerator: 1, denominator: 2, strictlyMore: true, abstentionsInBase: false, quorum: (1, 2))
        let few = ThresholdVote.count(choices(70, 3, 1), members: 150, rule: quorum)
        #expect(!few.quorumMet && !few.adopted && few.notVoting == 76)
        #expect(ThresholdVote.count(choices(70, 4, 1), members: 150, rule: quorum).adopted)
        #expect(!ThresholdVote.count([], members: 150, rule: .simpleMajority).adopted)
        #expect(!ThresholdVote.Rule(numerator: 3, denominator: 2, strictlyMore: false, abstentionsInBase: true).isValid)
        #expect(!ThresholdVote.Rule(numerator: 1, denominator: Int.max, strictlyMore: false, abstentionsInBase: true).isValid)
    }
}
