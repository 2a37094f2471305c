import HemicycleDomain

/// Where a citizens' convention stands.
public enum ConventionStatus: String, Sendable, CaseIterable, Codable {
    /// The secretariat writes the mandate, the criteria and the quotas; only the council's staff and bureau see it.
    case preparing
    /// Volunteers register (or are imported); the convention is public.
    case registration
    /// The quotas, the pool's statistics, the algorithm and the commitment to the seed are published; the pool is
    /// closed.
    case committed
    /// The panel is drawn and published.
    case drawn
    /// The convention meets: sessions, working groups, proposals and votes.
    case sitting
    /// The final report is published and delivered to the council.
    case reported
    /// Personal data is erased, except what the published report holds.
    case closed

    /// The statuses that follow this one.
    public var next: ConventionStatus? {
        switch self {
        case .preparing: .registration
        case .registration: .committed
        case .committed: .drawn
        case .drawn: .sitting
        case .sitting: .reported
        case .reported: .closed
        case .closed: nil
        }
    }
}

/// Everything someone may try to do on a convention.
public enum ConventionAction: Sendable, Hashable {
    case see
    /// Mandate, linked work item, panel size, dates.
    case editDefinition
    /// Add, rename or remove criteria and values (changes what volunteers answered, so only before any has).
    case editCriteria(poolIsEmpty: Bool)
    case editQuotas
    case openRegistration
    /// A person registers as a volunteer through the public form.
    case register
    /// A volunteer takes back their registration (and their consent) before the pool is closed.
    case withdraw(isRegistered: Bool)
    /// Import volunteers from a polling institute's file, or remove volunteers.
    case managePool
    /// See the volunteers' names and contact details.
    case seeVolunteers
    /// Publish the quotas, the pool statistics, the algorithm and the commitment to the seed.
    case publishCommitment(poolCanMeetQuotas: Bool)
    case draw
    /// Record that a selected person declined, and draw a replacement under the quotas.
    case recordRefusal
    /// Plan the convention's sessions (the first one opens its sittings).
    case manageSessions
    /// Write and amend proposals, put them to the vote, close votes and record minority positions.
    case runVotes
    /// See proposals still in draft: the convention's own work, not yet public.
    case seeDrafts
    /// Vote on a proposal of the convention.
    case vote
    case publishReport
    /// Erase the volunteers' personal data.
    case erasePersonalData
}

/// Who acts on a convention: their capacities in the council, and whether they sit on its panel.
public struct ConventionActor: Sendable, Equatable {
    public let council: CouncilActor
    public let isPanelMember: Bool

    public init(_ council: CouncilActor, isPanelMember: Bool = false) {
        self.council = council
        self.isPanelMember = isPanelMember
    }
}

/// The rules of a convention: the route refuses with `decide`, the page hides with the same answer.
public enum ConventionRules {
    public static func decide(_ action: ConventionAction, by actor: ConventionActor, status: ConventionStatus) -> Decision {
        let staff = actor.council.isSecretariat
        func secretariat(in statuses: Set<ConventionStatus>, _ reason: String) -> Decision {
            guard staff else { return .forbidden("convention_refused_secretariat") }
            return statuses.contains(status) ? .allowed : .conflict(reason)
        }
        switch action {
        case .see:
            return status != .preparing || staff || actor.council.isBureau ? .allowed : .forbidden("convention_refused_not_public")
        case .editDefinition, .editQuotas:
            return secretariat(in: [.preparing, .registration], "convention_conflict_committed")
        case .editCriteria(let poolIsEmpty):
            return secretariat(in: [.preparing, .registration], "convention_conflict_committed")
                .then(poolIsEmpty ? .allowed : .conflict("convention_conflict_pool_not_empty"))
        case .openRegistration:
            return secretariat(in: [.preparing], "convention_conflict_status")
        case .register:
            return status == .registration ? .allowed : .conflict("convention_conflict_registration_closed")
        case .withdraw(let isRegistered):
            guard isRegistered else { return .forbidden("convention_refused_not_registered") }
            return status == .registration ? .allowed : .conflict("convention_conflict_registration_closed")
        case .managePool:
            return secretariat(in: [.preparing, .registration], "convention_conflict_committed")
        case .seeVolunteers:
            return secretariat(in: Set(ConventionStatus.allCases).subtracting([.closed]), "convention_conflict_erased")
        case .publishCommitment(let poolCanMeetQuotas):
            return secretariat(in: [.registration], "convention_conflict_status")
                .then(poolCanMeetQuotas ? .allowed : .conflict("convention_conflict_pool_cannot_meet_quotas"))
        case .draw:
            return secretariat(in: [.committed], "convention_conflict_status")
        case .recordRefusal, .manageSessions:
            return secretariat(in: [.drawn, .sitting], "convention_conflict_status")
        case .runVotes:
            return secretariat(in: [.sitting], "convention_conflict_not_sitting")
        case .seeDrafts:
            return staff || actor.isPanelMember ? .allowed : .forbidden("convention_refused_not_panel_member")
        case .vote:
            guard actor.isPanelMember else { return .forbidden("convention_refused_not_panel_member") }
            return status == .sitting ? .allowed : .conflict("convention_conflict_not_sitting")
        case .publishReport:
            return secretariat(in: [.sitting], "convention_conflict_status")
        case .erasePersonalData:
            return secretariat(in: [.reported], "convention_conflict_status")
        }
    }
}
