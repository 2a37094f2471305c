import Conventions
import HemicycleDomain
import Testing

@Suite("A proposal's vote: ballots counted against the seated members, by the method set for it")
struct ProposalVoteTests {
    @Test("yes / no: the threshold set for the vote, abstentions and members who did not vote")
    func yesNo() {
        let ballots: [ProposalBallot] = Array(repeating: .choice(.yes), count: 6) + Array(repeating: .choice(.no), count: 3)
            + [.choice(.abstain), .grade(0)]
        let simple = ProposalOutcome.count(ballots, members: 12, method: .yesNo(.simpleMajority))
        guard case .yesNo(let result) = simple else { Issue.record("not a yes / no result"); return }
        // The stray grade is not counted; two members did not vote.
        #expect(result.yes == 6 && result.no == 3 && result.abstain == 1 && result.notVoting == 2 && simple.adopted)
        // Two thirds of the votes cast, abstentions included: 6 of 10 is short of 7.
        let twoThirds = ProposalOutcome.count(ballots, members: 12, method: .yesNo(.twoThirds))
        guard case .yesNo(let strict) = twoThirds else { Issue.record("not a yes / no result"); return }
        #expect(strict.required == 7 && !twoThirds.adopted)
    }

    @Test("majority judgment: members who did not vote count at the worst grade; the adoption grade decides")
    func majorityJudgment() {
        // 5 members vote "good" (2), 2 vote "excellent" (0); 3 seated members do not vote and count as "to reject".
        let ballots: [ProposalBallot] = Array(repeating: .grade(2), count: 5) + Array(repeating: .grade(0), count: 2) + [.choice(.yes)]
        let outcome = ProposalOutcome.count(ballots, members: 10, method: .majorityJudgment(adoptionGrade: 2))
        guard case .majorityJudgment(let tally, let voted, let grade, let adopted) = outcome else { Issue.record("not a grade result"); return }
        #expect(tally.counts == [2, 0, 5, 0, 0, 3] && voted == 7 && grade == 2 && adopted)
        // Asking for "very good" or better: not adopted.
        #expect(!ProposalOutcome.count(ballots, members: 10, method: .majorityJudgment(adoptionGrade: 1)).adopted)
        // With more absent members the majority grade falls to the worst.
        let thin = ProposalOutcome.count(ballots, members: 20, method: .majorityJudgment(adoptionGrade: 3))
        guard case .majorityJudgment(_, _, let thinGrade, let thinAdopted) = thin else { Issue.record("not a grade result"); return }
        #expect(thinGrade == GradeScale.grades.count - 1 && !thinAdopted)
        // Nobody voted: no majority grade, nothing adopted.
        let empty = ProposalOutcome.count([], members: 10, method: .majorityJudgment(adoptionGrade: 5))
        guard case .majorityJudgment(_, 0, nil, false) = empty else { Issue.record("an empty vote adopted something"); return }
    }

    @Test("only a valid method is accepted")
    func validity() {
        #expect(ProposalMethod.majorityJudgment(adoptionGrade: 5).isValid)
        #expect(!ProposalMethod.majorityJudgment(adoptionGrade: 6).isValid)
        #expect(!ProposalMethod.yesNo(ThresholdVote.Rule(numerator: 3, denominator: 2, strictlyMore: false, abstentionsInBase: false)).isValid)
    }

    @Test("votes are run by the secretariat while the convention sits; drafts are seen by staff and the panel")
    func rules() {
        let staff = ConventionActor(CouncilActor(role: .staff))
        let citizen = ConventionActor(CouncilActor(role: .citizen))
        let member = ConventionActor(CouncilActor(role: .citizen), isPanelMember: true)
        #expect(ConventionRules.decide(.runVotes, by: staff, status: .sitting) == .allowed)
        #expect(ConventionRules.decide(.runVotes, by: staff, status: .drawn) == .conflict("convention_conflict_not_sitting"))
        #expect(ConventionRules.decide(.runVotes, by: member, status: .sitting) == .forbidden("convention_refused_secretariat"))
        #expect(ConventionRules.decide(.seeDrafts, by: member, status: .sitting) == .allowed)
        #expect(ConventionRules.decide(.seeDrafts, by: citizen, status: .sitting) == .forbidden("convention_refused_not_panel_member"))
        #expect(ConventionRules.decide(.vote, by: member, status: .sitting) == .allowed)
        #expect(ConventionRules.decide(.vote, by: member, status: .reported) == .conflict("convention_conflict_not_sitting"))
    }
}
