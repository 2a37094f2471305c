import HemicycleDomain
import Testing

@Suite struct PolicyTests {
    @Test func visitorsAndCitizensAndMembersSeeOnlyPublicPages() {
        for role in [nil, Role.citizen, .member, .bureau, .president] {
            let policy = CouncilPolicy(role: role)
            #expect(policy.allows(.viewPublicPages))
            #expect(!policy.allows(.viewAdministration), "\(String(describing: role))")
            #expect(!policy.allows(.manageMemberships))
            #expect(!policy.allows(.viewPersonalData))
        }
    }

    @Test func staffAndAdministratorsManageTheCouncil() {
        for role in [Role.staff, .administrator] {
            let policy = CouncilPolicy(role: role)
            #expect(policy.allows(.viewAdministration))
            #expect(policy.allows(.manageBodies))
            #expect(policy.allows(.manageMemberships))
            #expect(policy.allows(.viewPersonalData))
        }
    }

    @Test func onlyAdministratorsAppointAdministrators() {
        #expect(!CouncilPolicy(role: .staff).mayAssign(.administrator))
        #expect(CouncilPolicy(role: .staff).mayAssign(.member))
        #expect(CouncilPolicy(role: .administrator).mayAssign(.administrator))
        #expect(CouncilPolicy(role: nil, isInstanceAdministrator: true).mayAssign(.administrator))
        #expect(!CouncilPolicy(role: .member).mayAssign(.citizen))
    }

    @Test func sittingRolesNeedExactlyOneGroup() {
        #expect(throws: ValidationFailure(field: "group", key: "error_group_required")) {
            try Validate.membership(role: .member, hasGroup: false)
        }
        #expect(throws: ValidationFailure(field: "group", key: "error_group_not_allowed")) {
            try Validate.membership(role: .citizen, hasGroup: true)
        }
        #expect(throws: Never.self) { try Validate.membership(role: .bureau, hasGroup: true) }
        #expect(throws: Never.self) { try Validate.membership(role: .staff, hasGroup: false) }
    }
}
