/// Something a person may want to do inside a council.
public enum CouncilAction: Sendable, Hashable {
    /// See the council's public pages: home, directory, commissions.
    case viewPublicPages
    /// Open the administration area of the council.
    case viewAdministration
    /// Create, rename or remove groups and commissions.
    case manageBodies
    /// Invite people, change their role, group and commissions, remove them (each change also passes
    /// `RoleChanges`).
    case manageMemberships
    /// Read personal data (e-mail addresses) of the council's people.
    case viewPersonalData
}

/// The council-wide decisions: who may administer the council. Routes ask this policy; links are hidden with the
/// same answer, never instead of it. Capacities come from `CouncilActor`.
public struct CouncilPolicy: Sendable {
    public let actor: CouncilActor

    public init(actor: CouncilActor) { self.actor = actor }

    public init(role: Role?, isInstanceAdministrator: Bool = false) {
        self.actor = CouncilActor(role: role, isInstanceAdministrator: isInstanceAdministrator)
    }

    public var role: Role? { actor.role }
    public var isInstanceAdministrator: Bool { actor.isInstanceAdministrator }

    public func allows(_ action: CouncilAction) -> Bool {
        switch action {
        case .viewPublicPages: true
        case .viewAdministration, .manageBodies, .manageMemberships, .viewPersonalData: actor.isSecretariat
        }
    }

    /// Whether this person may move someone's seat from `current` to `new` (see `RoleChanges`).
    public func mayChange(from current: Role?, to new: Role?, isSelf: Bool) -> Decision {
        RoleChanges.decide(actor: actor, from: current, to: new, isSelf: isSelf)
    }
}
