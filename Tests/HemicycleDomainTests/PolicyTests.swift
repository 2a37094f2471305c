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
        let staff = CouncilActor(role: .staff), administrator = CouncilActor(role: .administrator)
        #expect(!RoleChanges.decide(actor: staff, from: nil, to: .administrator, isSelf: false).isAllowed)
        #expect(RoleChanges.decide(actor: staff, from: nil, to: .member, isSelf: false).isAllowed)
        #expect(RoleChanges.decide(actor: administrator, from: nil, to: .administrator, isSelf: false).isAllowed)
        #expect(RoleChanges.decide(actor: CouncilActor(role: nil, isInstanceAdministrator: true), from: nil, to: .administrator, isSelf: false).isAllowed)
        #expect(!RoleChanges.decide(actor: CouncilActor(role: .member), from: nil, to: .citizen, isSelf: false).isAllowed)
    }

    /// The table, cell by cell: for each actor, the changes they may make to someone else's seat.
    @Test func theRoleChangeTable() {
        let governing: [Role] = [.administrator, .president, .bureau]
        let ordinary: [Role?] = [nil, .citizen, .member, .staff]
        for actorRole in Role.allCases {
            let actor = CouncilActor(role: actorRole)
            for from in [nil] + Role.allCases.map(Optional.some) {
                for to in [nil] + Role.allCases.map(Optional.some) where from != nil || to != nil {
                    let decision = RoleChanges.decide(actor: actor, from: from, to: to, isSelf: false)
                    let expected: Bool = switch actorRole {
                    case .citizen, .member, .bureau, .president: false
                    case .staff: ordinary.contains(from) && ordinary.contains(to)
                    case .administrator: true
                    }
                    #expect(decision.isAllowed == expected, "\(actorRole) moving \(String(describing: from)) to \(String(describing: to))")
                    if !expected && actorRole == .staff {
                        #expect(decision == .forbidden("error_role_governing"))
                    }
                }
            }
        }
        #expect(governing.allSatisfy(RoleChanges.governing.contains))
    }

    @Test func nobodyRaisesTheirOwnRole() {
        let staff = CouncilActor(role: .staff)
        #expect(RoleChanges.decide(actor: staff, from: .staff, to: .president, isSelf: true) == .forbidden("error_role_self_raise"))
        #expect(RoleChanges.decide(actor: staff, from: .staff, to: .member, isSelf: true).isAllowed)
        let administrator = CouncilActor(role: .administrator)
        #expect(!RoleChanges.decide(actor: administrator, from: .president, to: .administrator, isSelf: true).isAllowed)
        #expect(RoleChanges.decide(actor: administrator, from: .administrator, to: .member, isSelf: true).isAllowed)
        #expect(!RoleChanges.decide(actor: CouncilActor(role: nil, isInstanceAdministrator: true), from: nil, to: .president, isSelf: true).isAllowed)
    }

    @Test func anUnverifiedAddressHoldsOnlyReadingRights() {
        let unverified = CouncilActor(role: .administrator, isInstanceAdministrator: true, isVerified: false)
        #expect(unverified.role == .citizen && !unverified.isInstanceAdministrator)
        #expect(!CouncilPolicy(actor: unverified).allows(.manageMemberships))
        #expect(!unverified.sitsInAssembly && !unverified.isSecretariat && !unverified.isBureau)
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
