import HemicycleDomain
import Organisation
import Testing

/// Minutes: drafted by the secretariat, approved at a later sitting of the same body, then published.
@Suite struct MinutesRulesTests {
    let staff = CouncilActor(role: .staff)
    let member = CouncilActor(role: .member)
    let citizen = CouncilActor(role: .citizen)
    let visitor = CouncilActor(role: nil)

    @Test func theSecretariatDraftsApprovesAndPublishes() {
        #expect(MinutesRules.decide(staff, .write(.draft)) == .allowed)
        #expect(MinutesRules.decide(staff, .write(.approved)) == .conflict("minutes_error_approved"))
        #expect(MinutesRules.decide(member, .write(.draft)) == .forbidden("minutes_refused"))
        #expect(MinutesRules.decide(staff, .approve(.draft)) == .allowed)
        #expect(MinutesRules.decide(staff, .approve(.published)) == .conflict("minutes_error_approved"))
        #expect(MinutesRules.decide(CouncilActor(role: .president), .approve(.draft)) == .forbidden("minutes_refused"))
        #expect(MinutesRules.decide(staff, .publish(.draft)) == .conflict("minutes_error_not_approved"))
        #expect(MinutesRules.decide(staff, .publish(.approved)) == .allowed)
        #expect(MinutesRules.decide(staff, .publish(.published)) == .conflict("minutes_error_published"))
        #expect(MinutesRules.decide(citizen, .publish(.approved)) == .forbidden("minutes_refused"))
    }

    @Test func draftsAreTheCouncilsAndPublishedMinutesAreReadAsTheSittingIs() {
        for status in [MinutesStatus.draft, .approved] {
            #expect(MinutesRules.decide(member, .read(.plenary, status)) == .allowed)
            #expect(MinutesRules.decide(visitor, .read(.plenary, status)) == .forbidden("minutes_refused"))
            #expect(MinutesRules.decide(citizen, .read(.plenary, status)) == .forbidden("minutes_refused"))
        }
        #expect(MinutesRules.decide(visitor, .read(.plenary, .published)) == .allowed)
        #expect(MinutesRules.decide(visitor, .read(.commission, .published)) == .forbidden("sitting_refused"))
        #expect(MinutesRules.decide(member, .read(.commission, .published)) == .allowed)
    }

    @Test func minutesAreApprovedAtALaterSittingOfTheSameBodyOnceItHasStarted() {
        let sitting = (body: SittingBody.commission, commissionID: Int64?(3), times: SittingTimes(startsAt: 1_000, endsAt: 2_000))
        let later = SittingTimes(startsAt: 10_000, endsAt: 12_000)
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.commission, 3, later, .planned), now: 10_000) == .allowed)
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.commission, 3, later, .planned), now: 9_999) == .conflict("minutes_error_not_started"))
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.commission, 4, later, .planned), now: 10_000) == .conflict("minutes_error_other_body"))
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.plenary, nil, later, .planned), now: 10_000) == .conflict("minutes_error_other_body"))
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.commission, 3, later, .cancelled), now: 10_000) == .conflict("minutes_error_not_later"))
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.commission, 3, SittingTimes(startsAt: 1_500, endsAt: 3_000), .planned), now: 10_000)
            == .conflict("minutes_error_not_later"))
        // Itself: not later.
        #expect(MinutesRules.mayApprove(sitting: sitting, at: (.commission, 3, sitting.times, .planned), now: 10_000) == .conflict("minutes_error_not_later"))
    }
}
