import Conventions
import HemicycleDomain
import Testing

@Suite("Who may do what on a convention")
struct ConventionRulesTests {
    let staff = ConventionActor(CouncilActor(role: .staff))
    let member = ConventionActor(CouncilActor(role: .member))
    let citizen = ConventionActor(CouncilActor(role: .citizen))
    let panelist = ConventionActor(CouncilActor(role: .citizen), isPanelMember: true)
    let visitor = ConventionActor(.visitor)

    @Test("the secretariat prepares; a convention in preparation is not public")
    func preparing() {
        #expect(ConventionRules.decide(.editQuotas, by: staff, status: .preparing) == .allowed)
        #expect(ConventionRules.decide(.editQuotas, by: member, status: .preparing) == .forbidden("convention_refused_secretariat"))
        #expect(ConventionRules.decide(.see, by: citizen, status: .preparing) == .forbidden("convention_refused_not_public"))
        #expect(ConventionRules.decide(.see, by: ConventionActor(CouncilActor(role: .bureau)), status: .preparing) == .allowed)
        #expect(ConventionRules.decide(.see, by: visitor, status: .registration) == .allowed)
        #expect(ConventionRules.decide(.openRegistration, by: staff, status: .registration) == .conflict("convention_conflict_status"))
    }

    @Test("anyone registers while registration is open; criteria change only while the pool is empty")
    func registration() {
        #expect(ConventionRules.decide(.register, by: visitor, status: .registration) == .allowed)
        #expect(ConventionRules.decide(.register, by: visitor, status: .committed) == .conflict("convention_conflict_registration_closed"))
        #expect(ConventionRules.decide(.editCriteria(poolIsEmpty: true), by: staff, status: .registration) == .allowed)
        #expect(ConventionRules.decide(.editCriteria(poolIsEmpty: false), by: staff, status: .registration)
            == .conflict("convention_conflict_pool_not_empty"))
        #expect(ConventionRules.decide(.editCriteria(poolIsEmpty: false), by: citizen, status: .registration)
            == .forbidden("convention_refused_secretariat"))
        #expect(ConventionRules.decide(.seeVolunteers, by: member, status: .registration) == .forbidden("convention_refused_secretariat"))
        #expect(ConventionRules.decide(.withdraw(isRegistered: true), by: citizen, status: .registration) == .allowed)
        #expect(ConventionRules.decide(.withdraw(isRegistered: false), by: citizen, status: .registration) == .forbidden("convention_refused_not_registered"))
        #expect(ConventionRules.decide(.withdraw(isRegistered: true), by: citizen, status: .committed) == .conflict("convention_conflict_registration_closed"))
    }

    @Test("the commitment needs a pool that can meet the quotas; after it, the pool and quotas are frozen")
    func commitment() {
        #expect(ConventionRules.decide(.publishCommitment(poolCanMeetQuotas: false), by: staff, status: .registration)
            == .conflict("convention_conflict_pool_cannot_meet_quotas"))
        #expect(ConventionRules.decide(.publishCommitment(poolCanMeetQuotas: true), by: staff, status: .registration) == .allowed)
        for action in [ConventionAction.editQuotas, .managePool, .editDefinition] {
            #expect(ConventionRules.decide(action, by: staff, status: .committed) == .conflict("convention_conflict_committed"))
        }
        #expect(ConventionRules.decide(.draw, by: staff, status: .committed) == .allowed)
        #expect(ConventionRules.decide(.draw, by: member, status: .committed) == .forbidden("convention_refused_secretariat"))
    }

    @Test("only the panel votes, and only while the convention sits; personal data goes once the report is out")
    func sitting() {
        #expect(ConventionRules.decide(.vote, by: panelist, status: .sitting) == .allowed)
        #expect(ConventionRules.decide(.vote, by: panelist, status: .reported) == .conflict("convention_conflict_not_sitting"))
        #expect(ConventionRules.decide(.vote, by: staff, status: .sitting) == .forbidden("convention_refused_not_panel_member"))
        #expect(ConventionRules.decide(.erasePersonalData, by: staff, status: .sitting) == .conflict("convention_conflict_status"))
        #expect(ConventionRules.decide(.erasePersonalData, by: staff, status: .reported) == .allowed)
        #expect(ConventionRules.decide(.seeVolunteers, by: staff, status: .closed) == .conflict("convention_conflict_erased"))
        #expect(ConventionStatus.allCases.compactMap(\.next).count == ConventionStatus.allCases.count - 1)
    }
}
