/// Who may take part in a consultation (reading a published one is always open to anyone).
public enum ParticipationMode: String, Sendable, CaseIterable, Codable {
    /// Anyone: a participant is known by a random identifier kept in a cookie, as on Polis.
    case anyone
    /// People signed in with a verified e-mail address: one participant per address.
    case verifiedEmail = "verified_email"
    /// People signed in with a verified address who meet the consultation's `ParticipationRequirements` (an age, a
    /// residence, the council's list).
    case verified
}

/// When participants' statements are checked by the council's moderators.
public enum ModerationMode: String, Sendable, CaseIterable, Codable {
    /// A statement is shown to others only once a moderator accepted it.
    case beforePublication = "before"
    /// A statement is shown at once; a moderator may reject it afterwards.
    case afterPublication = "after"
}

/// A statement's moderation, with Polis's values: accepted 1, not yet moderated 0, rejected -1.
public enum StatementModeration: Int, Sendable, CaseIterable, Codable {
    case rejected = -1
    case pending = 0
    case accepted = 1

    /// Whether participants see it (and may vote on it) under `mode`.
    public func isShown(under mode: ModerationMode) -> Bool {
        switch self {
        case .accepted: true
        case .pending: mode == .afterPublication
        case .rejected: false
        }
    }
}

/// The parts a consultation uses.
public struct ConsultationModules: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Statements voted agree / disagree / pass, and their opinion map.
    public static let statements = ConsultationModules(rawValue: 1)
    /// Proposals with supports and comments.
    public static let proposals = ConsultationModules(rawValue: 2)
    /// Questions the council asks, answered once (and changed while the consultation is open).
    public static let questionnaire = ConsultationModules(rawValue: 4)
    public static let all: [(name: String, module: ConsultationModules)] = [
        ("statements", .statements), ("proposals", .proposals), ("questionnaire", .questionnaire),
    ]
}
