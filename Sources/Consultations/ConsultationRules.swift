import HemicycleDomain

/// Everything someone may try to do on a consultation.
public enum ConsultationAction: Sendable, Hashable {
    case see
    /// Title, description, languages, dates, modules, who may take part, moderation.
    case edit
    /// Publish a draft: it becomes announced (or open, when its opening has passed).
    case publish
    /// Vote on statements or write one; `eligible` is whether the person meets the consultation's participation rule.
    case participate(eligible: Bool)
    /// Accept or reject participants' statements, with a reason, and see the queue.
    case moderate
    /// Write the seed statements participants start from.
    case writeSeedStatements
    /// Create a consultation, by hand or by importing a Polis export.
    case create
    /// Answer participants' proposals (under study, taken into the work, not retained) and hide those out of place.
    case answerProposals
    /// Write and publish the synthesis of a closed consultation, annexed to the work it informs.
    case publishSynthesis
    /// Declare one's birth date and residence, where the consultation asks them, before it closes.
    case declare
    /// Replace the council's list of people who may take part (a council-wide action: `phase` is not read).
    case manageParticipantList
    /// Add and remove the questionnaire's questions: before the consultation opens, so every answer answers the
    /// question as shown.
    case editQuestions
    /// See the questionnaire's results: the secretariat and bureau at any time, everyone once the consultation closed
    /// (results shown while it is open would sway the answers still to come).
    case seeQuestionnaireResults
}

/// Who acts on a consultation: their capacities in the council.
public struct ConsultationActor: Sendable, Equatable {
    public let council: CouncilActor
    /// Signed in, with a verified e-mail address.
    public let hasVerifiedEmail: Bool
    /// How they stand against the consultation's requirements, where it asks some (`ParticipationMode.verified`).
    public let requirements: RequirementCheck

    public init(_ council: CouncilActor, hasVerifiedEmail: Bool = false, requirements: RequirementCheck? = nil) {
        self.council = council
        self.hasVerifiedEmail = hasVerifiedEmail
        self.requirements = requirements ?? (hasVerifiedEmail ? .met : .needsVerifiedEmail)
    }

    /// Whether this person meets `mode`.
    public func meets(_ mode: ParticipationMode) -> Bool {
        switch mode {
        case .anyone: true
        case .verifiedEmail: hasVerifiedEmail
        case .verified: hasVerifiedEmail && requirements == .met
        }
    }
}

/// The rules of a consultation: the route refuses with `decide`, the page hides with the same answer.
public enum ConsultationRules {
    public static func decide(_ action: ConsultationAction, by actor: ConsultationActor, phase: ConsultationPhase) -> Decision {
        let staff = actor.council.isSecretariat
        func secretariat(in phases: Set<ConsultationPhase>, _ reason: String) -> Decision {
            guard staff else { return .forbidden("consultation_refused_secretariat") }
            return phases.contains(phase) ? .allowed : .conflict(reason)
        }
        switch action {
        case .see:
            return phase != .draft || staff || actor.council.isBureau ? .allowed : .forbidden("error_not_found")
        case .create:
            return staff ? .allowed : .forbidden("consultation_refused_secretariat")
        case .edit:
            return secretariat(in: [.draft, .announced, .open, .closed], "consultation_conflict_synthesis")
        case .publish:
            return secretariat(in: [.draft], "consultation_conflict_published")
        case .writeSeedStatements:
            return secretariat(in: [.draft, .announced, .open], "consultation_conflict_not_open")
        case .moderate:
            return secretariat(in: [.draft, .announced, .open, .closed], "consultation_conflict_synthesis")
        case .answerProposals:
            return secretariat(in: [.open, .closed], "consultation_conflict_synthesis")
        case .publishSynthesis:
            return secretariat(in: [.closed], "consultation_conflict_not_closed")
        case .declare:
            guard actor.hasVerifiedEmail else { return .forbidden("consultation_refused_not_eligible") }
            return [.announced, .open].contains(phase) ? .allowed : .conflict("consultation_conflict_not_open")
        case .manageParticipantList:
            return staff ? .allowed : .forbidden("consultation_refused_secretariat")
        case .editQuestions:
            return secretariat(in: [.draft, .announced], "consultation_conflict_questions")
        case .seeQuestionnaireResults:
            return staff || actor.council.isBureau || [.closed, .synthesisPublished].contains(phase) ? .allowed
                : .forbidden("consultation_refused_results")
        case .participate(let eligible):
            guard eligible else { return .forbidden("consultation_refused_not_eligible") }
            return phase == .open ? .allowed : .conflict("consultation_conflict_not_open")
        }
    }
}
