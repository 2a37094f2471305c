import HemicycleDomain

/// Where a sitting's minutes stand: drafted by the secretariat, approved at a later sitting of the same body, then
/// published.
public enum MinutesStatus: String, Sendable, CaseIterable {
    case draft
    case approved
    case published
}

/// What is done with a sitting's minutes.
public enum MinutesAction: Sendable {
    /// Read them, in `status`, for a sitting of `body`.
    case read(SittingBody, MinutesStatus)
    /// Write or correct the draft.
    case write(MinutesStatus)
    /// Record their approval at a later sitting.
    case approve(MinutesStatus)
    case publish(MinutesStatus)
}

/// Who may do what with minutes. The secretariat drafts, records the approval and publishes them; the council's
/// members, bureau and secretariat read them from the draft on; once published they are read as the sitting is (a
/// plenary sitting's by everyone).
public enum MinutesRules {
    public static func decide(_ actor: CouncilActor, _ action: MinutesAction) -> Decision {
        let insider = actor.sitsInAssembly || actor.isSecretariat || actor.isBureau
        switch action {
        case .read(let body, let status):
            if status == .published { return SittingRules.decide(actor, .see(body)) }
            return insider ? .allowed : .forbidden("minutes_refused")
        case .write(let status):
            guard actor.isSecretariat else { return .forbidden("minutes_refused") }
            return status == .draft ? .allowed : .conflict("minutes_error_approved")
        case .approve(let status):
            guard actor.isSecretariat else { return .forbidden("minutes_refused") }
            return status == .draft ? .allowed : .conflict("minutes_error_approved")
        case .publish(let status):
            guard actor.isSecretariat else { return .forbidden("minutes_refused") }
            switch status {
            case .draft: return .conflict("minutes_error_not_approved")
            case .approved: return .allowed
            case .published: return .conflict("minutes_error_published")
            }
        }
    }

    /// Whether minutes of `sitting` may be approved at `approving`: a later sitting of the same body (the same
    /// commission), not cancelled, that has started.
    public static func mayApprove(sitting: (body: SittingBody, commissionID: Int64?, times: SittingTimes),
                                  at approving: (body: SittingBody, commissionID: Int64?, times: SittingTimes, status: SittingStatus),
                                  now: Double) -> Decision {
        guard approving.body == sitting.body, approving.commissionID == sitting.commissionID else { return .conflict("minutes_error_other_body") }
        guard approving.status != .cancelled, approving.times.startsAt >= sitting.times.endsAt else { return .conflict("minutes_error_not_later") }
        return approving.times.hasStarted(at: now) ? .allowed : .conflict("minutes_error_not_started")
    }
}
