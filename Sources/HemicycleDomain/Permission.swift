/// Something a person may want to do inside a council.
public enum CouncilAction: Sendable, Hashable {
    /// See the council's public pages: home, directory, commissions.
    case viewPublicPages
    /// Open the administration area of the council.
    case viewAdministration
    /// Create, rename or remove groups and commissions.
    case manageBodies
    /// Add people, change their role, group and commissions, remove them.
    case manageMemberships
    /// Read personal data (e-mail addresses) of the council's people.
    case viewPersonalData
}

/// The single place where Hemicycle decides who may do what in a council.
///
/// Routes ask this policy; links are hidden with the same answer, never instead of it.
public struct CouncilPolicy: Sendable {
    public let role: Role?
    public let isInstanceAdministrator: Bool

    public init(role: Role?, isInstanceAdministrator: Bool = false) {
        self.role = role
        self.isInstanceAdministrator = isInstanceAdministrator
    }

    public func allows(_ action: CouncilAction) -> Bool {
        if isInstanceAdministrator { return true }
        switch action {
        case .viewPublicPages:
            return true
        case .viewAdministration, .manageBodies, .manageMemberships, .viewPersonalData:
            guard let role else { return false }
            return role == .staff || role == .administrator
        }
    }

    /// Whether this person may give `role` to someone: only administrators create administrators.
    public func mayAssign(_ role: Role) -> Bool {
        guard allows(.manageMemberships) else { return false }
        if role == .administrator { return isInstanceAdministrator || self.role == .administrator }
        return true
    }
}
