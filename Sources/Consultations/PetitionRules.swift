import HemicycleDomain

/// Where a petition stands.
public enum PetitionStatus: String, Sendable, CaseIterable, Codable {
    /// Open to signatures until its closing.
    case open
    /// It reached the council's threshold: the council took it up as a referral.
    case referred
    /// Its window ended before the threshold.
    case closed
    /// Hidden by the secretariat (unlawful, abusive), with the reason kept.
    case hidden

    /// What a stored status is at `now`: an open petition past its closing is closed.
    public static func at(_ stored: String, closesAt: Double, now: Double) -> PetitionStatus {
        let status = PetitionStatus(rawValue: stored) ?? .hidden
        return status == .open && now >= closesAt ? .closed : status
    }
}

public enum PetitionAction: Sendable, Hashable {
    case see
    /// Write a petition: a person signed in with a verified address.
    case create
    case sign
    case hide
    /// Set the council's threshold and window: its administrators.
    case setRule
}

/// The rules of petitions: the route refuses with `decide`, the page hides with the same answer.
public enum PetitionRules {
    public static func decide(_ action: PetitionAction, by actor: ConsultationActor, status: PetitionStatus) -> Decision {
        switch action {
        case .setRule:
            return actor.council.isAdministrator ? .allowed : .forbidden("petition_refused_administrator")
        case .see:
            return status != .hidden || actor.council.isSecretariat ? .allowed : .forbidden("error_not_found")
        case .create:
            return actor.hasVerifiedEmail ? .allowed : .forbidden("petition_refused_verified_email")
        case .sign:
            guard actor.hasVerifiedEmail else { return .forbidden("petition_refused_verified_email") }
            return status == .open ? .allowed : .conflict("petition_conflict_not_open")
        case .hide:
            // Abusive content comes down whenever it is found, the petition open, closed or referred.
            guard actor.council.isSecretariat else { return .forbidden("consultation_refused_secretariat") }
            return status != .hidden ? .allowed : .conflict("petition_conflict_hidden")
        }
    }
}
