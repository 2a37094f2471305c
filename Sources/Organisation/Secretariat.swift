import HemicycleDomain

/// The two levels of the council's administration: directions, and the services within them.
public enum SecretariatUnitKind: String, CaseIterable, Sendable, Codable {
    case direction
    case service
}

/// What is done with the council's administration: its directions, services, posts and the staff's assignments.
public enum SecretariatAction: Sendable {
    /// Read the organisation, who holds which post, the assignments and the workload.
    case see
    /// Add and remove directions, services and posts, fill and vacate posts, assign staff to commissions and works.
    case keep
}

/// Who may do what with the council's administration. What it holds about people (who holds a post, its grade, their
/// assignments and workload) is kept to what the council needs and read only by its staff and its bureau; the
/// council's administrators keep it.
public enum SecretariatRules {
    public static func decide(_ actor: CouncilActor, _ action: SecretariatAction) -> Decision {
        switch action {
        case .see: actor.isSecretariat || actor.isBureau ? .allowed : .forbidden("secretariat_refused")
        case .keep: actor.isAdministrator ? .allowed : .forbidden("secretariat_refused_keep")
        }
    }

    /// A service sits in a direction; a direction in nothing.
    public static func mayPlace(_ kind: SecretariatUnitKind, under parent: SecretariatUnitKind?) -> Decision {
        switch (kind, parent) {
        case (.direction, nil), (.service, .direction): .allowed
        default: .conflict("secretariat_error_parent")
        }
    }

    /// A unit is removed once nothing sits in it (no service, no post).
    public static func mayRemoveUnit(children: Int, posts: Int) -> Decision {
        children == 0 && posts == 0 ? .allowed : .conflict("secretariat_error_not_empty")
    }

    /// A post is held by a member of the council's staff (or one of its administrators), one post each.
    public static func mayHold(role: Role?, postsHeld: Int) -> Decision {
        guard role == .staff || role == .administrator else { return .conflict("secretariat_error_holder") }
        return postsHeld == 0 ? .allowed : .conflict("secretariat_error_holder_busy")
    }

    /// Staff are assigned to a commission or to a work, once each.
    public static func mayAssign(role: Role?, duplicate: Bool) -> Decision {
        guard role == .staff || role == .administrator else { return .conflict("secretariat_error_holder") }
        return duplicate ? .conflict("secretariat_error_assigned") : .allowed
    }
}

/// The workload the assignments give: the works in preparation each member of staff follows (those they are assigned
/// to, and those of the commissions they serve), and for each commission its works in preparation and its staff.
public struct SecretariatWorkload: Sendable, Equatable {
    public struct Assignment: Sendable, Equatable {
        public let seat: Int64
        public let commission: Int64?
        public let work: Int64?

        public init(seat: Int64, commission: Int64?, work: Int64?) {
            self.seat = seat
            self.commission = commission
            self.work = work
        }
    }

    public struct Work: Sendable, Equatable {
        public let id: Int64
        public let commission: Int64?
        /// Not yet adopted, rejected or published.
        public let inPreparation: Bool

        public init(id: Int64, commission: Int64?, inPreparation: Bool) {
            self.id = id
            self.commission = commission
            self.inPreparation = inPreparation
        }
    }

    /// The works in preparation each member of staff follows.
    public let worksBySeat: [Int64: Set<Int64>]
    /// Each commission's works in preparation.
    public let worksByCommission: [Int64: Set<Int64>]
    /// The staff serving each commission.
    public let staffByCommission: [Int64: Set<Int64>]

    public init(assignments: [Assignment], works: [Work]) {
        let active = works.filter(\.inPreparation)
        var byCommission: [Int64: Set<Int64>] = [:]
        for work in active { if let commission = work.commission { byCommission[commission, default: []].insert(work.id) } }
        let activeIDs = Set(active.map(\.id))
        var bySeat: [Int64: Set<Int64>] = [:], staff: [Int64: Set<Int64>] = [:]
        for assignment in assignments {
            bySeat[assignment.seat, default: []].formUnion([])
            if let work = assignment.work, activeIDs.contains(work) { bySeat[assignment.seat, default: []].insert(work) }
            if let commission = assignment.commission {
                bySeat[assignment.seat, default: []].formUnion(byCommission[commission] ?? [])
                staff[commission, default: []].insert(assignment.seat)
            }
        }
        worksBySeat = bySeat
        worksByCommission = byCommission
        staffByCommission = staff
    }
}
