import HemicycleDomain

/// Whom a practice note is open to.
public enum PracticeAudience: String, Sendable, CaseIterable {
    /// The council's own members, bureau and secretariat.
    case council
    /// And the members, bureau and secretariat of the councils it has an agreement in force with.
    case partners
    /// And those of the councils of one network.
    case network
    /// Everyone.
    case `public`
}

/// How tried a practice is.
public enum PracticeMaturity: String, Sendable, CaseIterable {
    /// Tried once, or being tried.
    case emerging
    /// Tried and assessed.
    case tested
    /// The council's settled way of working.
    case established
}

/// Who reads a note, as its rules need it.
public struct PracticeReader: Sendable, Equatable {
    /// A member, bureau member or secretariat of the council that wrote it.
    public var isInside: Bool
    /// A member, bureau member or secretariat of a council with an agreement in force with it today.
    public var isPartner: Bool
    /// A member, bureau member or secretariat of a council the note is shared with by name, under an agreement in force.
    public var isGranted: Bool

    /// A member, bureau member or secretariat of a council of the note's network.
    public var isInNetwork: Bool

    public init(isInside: Bool = false, isPartner: Bool = false, isInNetwork: Bool = false, isGranted: Bool = false) {
        self.isInside = isInside
        self.isPartner = isPartner
        self.isInNetwork = isInNetwork
        self.isGranted = isGranted
    }

    public static let anyone = PracticeReader()
}

/// The rules of the library of good practice: each council's secretariat writes its notes; each note is read by
/// whom it is open to.
public enum PracticeRules {
    public static func mayWrite(_ actor: CouncilActor) -> Decision {
        actor.isSecretariat ? .allowed : .forbidden("practice_refused")
    }

    /// By its audience, or by name: a note shared with a partner under an agreement (the agreement says so
    /// explicitly) is read by that partner while the agreement is in force, whatever its audience.
    public static func mayRead(_ audience: PracticeAudience, by reader: PracticeReader) -> Bool {
        if reader.isInside || reader.isGranted { return true }
        switch audience {
        case .council: return false
        case .partners: return reader.isPartner
        case .network: return reader.isInNetwork
        case .public: return true
        }
    }
}

/// A note as a form gives it, checked before anything is stored.
public struct PracticeDraft: Sendable, Equatable {
    public var title: String
    public var summary: String
    public var body: String
    public var audience: PracticeAudience
    public var hasNetwork: Bool

    public init(title: String, summary: String, body: String, audience: PracticeAudience, hasNetwork: Bool) {
        self.title = title
        self.summary = summary
        self.body = body
        self.audience = audience
        self.hasNetwork = hasNetwork
    }

    public static let longestSummary = 1_000
    public static let longestBody = 50_000

    /// The first refusal, as the key of its sentence; nil when the note may be stored.
    public func problem() -> String? {
        if title.isEmpty || body.isEmpty { return "practice_error_empty" }
        if title.count > 200 || summary.count > Self.longestSummary || body.count > Self.longestBody { return "practice_error_too_long" }
        if audience == .network, !hasNetwork { return "practice_error_network" }
        return nil
    }
}
