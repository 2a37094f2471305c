import HemicycleDomain
import Organisation
import Testing

/// The administration's data is its staff's and bureau's; its administrators keep it; a post is held by staff, one
/// each; the workload counts works in preparation once per member of staff.
@Suite struct SecretariatRulesTests {
    @Test func onlyStaffAndBureauReadAndAdministratorsKeep() {
        for actor in [CouncilActor(role: .staff), CouncilActor(role: .bureau), CouncilActor(role: .president), CouncilActor(role: .administrator)] {
            #expect(SecretariatRules.decide(actor, .see).isAllowed, "\(actor)")
        }
        for actor in [CouncilActor(role: .member), CouncilActor(role: .citizen), .visitor, CouncilActor(role: .staff, isVerified: false)] {
            #expect(!SecretariatRules.decide(actor, .see).isAllowed, "\(actor)")
        }
        #expect(SecretariatRules.decide(CouncilActor(role: .administrator), .keep).isAllowed)
        #expect(!SecretariatRules.decide(CouncilActor(role: .staff, duties: [.budgetOfficer]), .keep).isAllowed)
        #expect(!SecretariatRules.decide(CouncilActor(role: .president), .keep).isAllowed)
    }

    @Test func servicesSitInDirectionsAndPostsGoToStaff() {
        #expect(SecretariatRules.mayPlace(.direction, under: nil) == .allowed && SecretariatRules.mayPlace(.service, under: .direction) == .allowed)
        #expect(SecretariatRules.mayPlace(.service, under: nil) == .conflict("secretariat_error_parent"))
        #expect(SecretariatRules.mayPlace(.service, under: .service) == .conflict("secretariat_error_parent"))
        #expect(SecretariatRules.mayPlace(.direction, under: .direction) == .conflict("secretariat_error_parent"))
        #expect(SecretariatRules.mayRemoveUnit(children: 0, posts: 1) == .conflict("secretariat_error_not_empty"))
        #expect(SecretariatRules.mayHold(role: .staff, postsHeld: 0) == .allowed)
        #expect(SecretariatRules.mayHold(role: .staff, postsHeld: 1) == .conflict("secretariat_error_holder_busy"))
        #expect(SecretariatRules.mayHold(role: .member, postsHeld: 0) == .conflict("secretariat_error_holder"))
        #expect(SecretariatRules.mayAssign(role: .citizen, duplicate: false) == .conflict("secretariat_error_holder"))
        #expect(SecretariatRules.mayAssign(role: .staff, duplicate: true) == .conflict("secretariat_error_assigned"))
    }

    @Test func theWorkloadCountsWorksInPreparationOnce() {
        let works = [SecretariatWorkload.Work(id: 1, commission: 10, inPreparation: true), .init(id: 2, commission: 10, inPreparation: false),
                     .init(id: 3, commission: 11, inPreparation: true), .init(id: 4, commission: nil, inPreparation: true)]
        let workload = SecretariatWorkload(assignments: [.init(seat: 100, commission: 10, work: nil), .init(seat: 100, commission: nil, work: 1),
                                                         .init(seat: 100, commission: nil, work: 4), .init(seat: 101, commission: nil, work: 2),
                                                         .init(seat: 102, commission: 11, work: nil), .init(seat: 102, commission: 10, work: nil)],
                                           works: works)
        #expect(workload.worksBySeat[100] == [1, 4] && workload.worksBySeat[101] == [] && workload.worksBySeat[102] == [1, 3])
        #expect(workload.worksByCommission[10] == [1] && workload.worksByCommission[11] == [3])
        #expect(workload.staffByCommission[10] == [100, 102] && workload.staffByCommission[11] == [102])
    }
}
