/// Who may give which role to whom: the single table checked when a seat is offered (an invitation), changed or
/// taken away, and by the page that lists the roles a person may choose.
///
/// | who acts | may give, change or take away |
/// | --- | --- |
/// | citizens, members, the bureau, the president | nothing |
/// | staff | the roles citizen, member and staff, held by others or by themselves (never upwards) |
/// | administrators (of the council or the instance) | every role, administrator, president and bureau included |
///
/// Nobody raises their own role; only administrators touch the administrator, president and bureau roles, whether
/// the person holds one now or would hold one after the change.
public enum RoleChanges {
    /// Roles that govern the council: only administrators give them or take them away.
    public static let governing: Set<Role> = [.administrator, .president, .bureau]

    /// How high a role stands, for the "nobody raises their own role" rule; no seat is lowest.
    public static func rank(_ role: Role?) -> Int {
        switch role {
        case nil: -1
        case .citizen: 0
        case .member: 1
        case .staff: 2
        case .bureau: 3
        case .president: 4
        case .administrator: 5
        }
    }

    /// Whether `actor` may move a person's seat from `current` to `new` (`nil` for no seat: an invitation starts
    /// from `nil`, a removal ends at `nil`); `isSelf` when the seat is the actor's own.
    public static func decide(actor: CouncilActor, from current: Role?, to new: Role?, isSelf: Bool) -> Decision {
        guard actor.isSecretariat else { return .forbidden("error_forbidden") }
        if isSelf && rank(new) > rank(current) {
            return .forbidden("error_role_self_raise")
        }
        let touchesGoverning = current.map(governing.contains) == true || new.map(governing.contains) == true
        if touchesGoverning && !actor.isAdministrator { return .forbidden("error_role_governing") }
        return .allowed
    }

    /// The roles `actor` may give to a person who now holds `current`.
    public static func assignable(actor: CouncilActor, from current: Role?, isSelf: Bool) -> [Role] {
        Role.allCases.filter { decide(actor: actor, from: current, to: $0, isSelf: isSelf).isAllowed || $0 == current }
    }
}
