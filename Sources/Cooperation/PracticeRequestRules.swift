import HemicycleDomain

/// A question a council asks its partners ("how do you organise your plenary sittings?"), answered with their notes.
public enum PracticeRequestRules {
    /// The council's secretariat asks, and withdraws the question.
    public static func mayAsk(_ actor: CouncilActor) -> Decision {
        actor.isSecretariat ? .allowed : .forbidden("practice_request_refused")
    }

    /// The asking council's members, bureau and secretariat read the question and its answers, and so do those of the
    /// councils with an agreement in force with it.
    public static func mayRead(_ reader: PracticeReader) -> Bool {
        reader.isInside || reader.isPartner
    }

    /// A partner's secretariat answers, with one of its council's notes that the asking council may read (kept for its
    /// partners, for a network the asking council belongs to, or public).
    public static func mayAnswer(isPartnersSecretariat: Bool, with audience: PracticeAudience, askerInNetwork: Bool) -> Decision {
        guard isPartnersSecretariat else { return .forbidden("practice_request_answer_refused") }
        return PracticeRules.mayRead(audience, by: PracticeReader(isPartner: true, isInNetwork: askerInNetwork))
            ? .allowed : .conflict("practice_request_answer_hidden_note")
    }
}

/// A question as the form gives it.
public struct PracticeRequestDraft: Sendable, Equatable {
    public var question: String
    public var details: String

    public init(question: String, details: String) {
        self.question = question
        self.details = details
    }

    public static let longestQuestion = 300
    public static let longestDetails = 5_000

    /// The first refusal, as the key of its sentence; nil when the question may be stored.
    public func problem() -> String? {
        if question.isEmpty { return "practice_request_error_empty" }
        if question.count > Self.longestQuestion || details.count > Self.longestDetails { return "practice_request_error_too_long" }
        return nil
    }
}
