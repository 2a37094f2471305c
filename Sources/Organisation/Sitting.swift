/// The body a sitting belongs to.
public enum SittingBody: String, Sendable, CaseIterable {
    /// The assembly in plenary: every member who sits in it.
    case plenary
    /// One of the council's commissions: its members.
    case commission
    /// The bureau: the president and the bureau's members.
    case bureau

    /// Whether anyone may read the sitting's agenda, attendance and minutes (a plenary sitting is public; a commission
    /// or the bureau meets among the council's own people).
    public var isPublic: Bool { self == .plenary }
}

/// Where a sitting stands, as stored: planned, convened (its convocation sent), cancelled. Whether it is under way or
/// over follows from its times.
public enum SittingStatus: String, Sendable, CaseIterable {
    case planned
    case convened
    case cancelled
}

/// What an item of the agenda is.
public enum AgendaItemKind: String, Sendable, CaseIterable {
    /// A work examined (a draft presented, a debate).
    case examination
    /// A work put to the vote.
    case vote
    /// A hearing of someone from outside.
    case hearing
    /// A communication (of the president, of the bureau, of a partner).
    case communication
    case other

    /// Whether the item is about one of the council's works.
    public var concernsWork: Bool { self == .examination || self == .vote }
}

/// A member's attendance at a sitting.
public enum Attendance: String, Sendable, CaseIterable {
    case present
    /// Present from afar (a video link): counts as present.
    case remote
    /// Absent and excused.
    case excused
    case absent

    /// Whether the member takes part (in the room or from afar).
    public var takesPart: Bool { self == .present || self == .remote }
}

/// A sitting's times, in seconds since 1970: it is under way from its start to its end.
public struct SittingTimes: Sendable, Equatable {
    public let startsAt: Double
    public let endsAt: Double

    public init(startsAt: Double, endsAt: Double) {
        self.startsAt = startsAt
        self.endsAt = endsAt
    }

    public func hasStarted(at now: Double) -> Bool { now >= startsAt }
    public func isOver(at now: Double) -> Bool { now >= endsAt }
}
