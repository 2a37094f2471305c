import HemicycleDomain

/// Where a partner contribution stands.
public enum ContributionStatus: String, Sendable, CaseIterable {
    /// Written in the contributing council's space, its own until sent.
    case draft
    /// Validated by the contributing council's bureau and delivered to the work's commission.
    case sent
    /// Received by the council whose work it is.
    case acknowledged
}

/// When a partner may contribute to a work: while the agreement it was opened under is in force, until the last day
/// the council gave, both read in that council's calendar.
public struct ContributionWindow: Sendable, Equatable {
    public var agreement: AgreementCalendar
    public var lastDay: CivilDay?

    public init(agreement: AgreementCalendar, lastDay: CivilDay?) {
        self.agreement = agreement
        self.lastDay = lastDay
    }

    public func isOpen(on today: CivilDay) -> Bool {
        guard let lastDay, today <= lastDay else { return false }
        return agreement.status(on: today).shares
    }
}

/// What is done with a partner contribution.
public enum ContributionAction: Sendable, Hashable {
    /// In the contributing council: read its drafts.
    case see
    /// In the contributing council: start or correct a draft, or remove it.
    case draft
    /// In the contributing council: validate it and send it (its bureau).
    case send
    /// In the receiving council: acknowledge it (its secretariat or bureau).
    case acknowledge
}

/// The rules of partner contributions. In the contributing council, its members, bureau and secretariat draft while
/// the window is open, and its bureau sends; in the receiving council, its secretariat or bureau acknowledges what
/// was sent.
public enum ContributionRules {
    public static func decide(_ action: ContributionAction, by actor: CouncilActor, status: ContributionStatus, isOpen: Bool) -> Decision {
        let inside = actor.isSecretariat || actor.isBureau || actor.sitsInAssembly
        switch action {
        case .see:
            return inside ? .allowed : .forbidden("contribution_refused")
        case .draft:
            guard inside else { return .forbidden("contribution_refused") }
            guard status == .draft else { return .conflict("contribution_error_sent") }
            return isOpen ? .allowed : .conflict("contribution_error_closed")
        case .send:
            guard actor.isBureau else { return .forbidden("contribution_refused_send") }
            guard status == .draft else { return .conflict("contribution_error_sent") }
            return isOpen ? .allowed : .conflict("contribution_error_closed")
        case .acknowledge:
            guard actor.isSecretariat || actor.isBureau else { return .forbidden("contribution_refused_acknowledge") }
            return status == .sent ? .allowed : .conflict("contribution_error_acknowledged")
        }
    }
}
