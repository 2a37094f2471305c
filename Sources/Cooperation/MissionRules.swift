import HemicycleDomain

/// What is done with a mission between councils.
public enum MissionAction: Sendable, Hashable {
    /// Read it: missions are public, as councils report them.
    case see
    /// Record, correct or remove one.
    case record
}

/// The rules of missions: the secretariat records them; everyone reads them.
public enum MissionRules {
    public static func decide(_ action: MissionAction, by actor: CouncilActor) -> Decision {
        switch action {
        case .see: .allowed
        case .record: actor.isSecretariat ? .allowed : .forbidden("mission_refused")
        }
    }
}

/// A mission as a form gives it, checked before anything is stored.
public struct MissionDraft: Sendable, Equatable {
    public var destination: String
    /// Its first and last days, in the council's calendar.
    public var firstDay: CivilDay
    public var lastDay: CivilDay
    /// The seats of those who travelled.
    public var members: [Int64]
    public var purpose: String

    public init(destination: String, firstDay: CivilDay, lastDay: CivilDay, members: [Int64], purpose: String) {
        self.destination = destination
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.members = members
        self.purpose = purpose
    }

    /// The first refusal, as the key of its sentence; nil when the mission may be stored.
    public func problem() -> String? {
        if destination.isEmpty { return "mission_error_destination" }
        if lastDay < firstDay { return "mission_error_dates" }
        // A mission lasts days, not years: a typing slip in a year is caught here.
        if lastDay.number - firstDay.number + 1 > Self.longestInDays { return "mission_error_dates" }
        if members.isEmpty { return "mission_error_members" }
        if purpose.isEmpty { return "mission_error_purpose" }
        return nil
    }

    /// The longest mission: ninety days, the first and the last counted.
    public static let longestInDays = 90
}
