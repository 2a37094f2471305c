/// What a consultation open to verified people asks of each participant, besides a verified e-mail address: an age, a
/// residence among those it names, a place on the council's list. A consultation asks any of them, or none.
public struct ParticipationRequirements: Sendable, Hashable, Codable {
    /// In whole years on the day of taking part (16 for most councils' consultations).
    public var minimumAge: Int?
    /// The residences accepted (a country, a region, a commune: as the council names them); empty: any.
    public var residences: [String]
    /// The participant's verified address must be on the list the council provided.
    public var councilList: Bool

    public init(minimumAge: Int? = nil, residences: [String] = [], councilList: Bool = false) {
        self.minimumAge = minimumAge
        self.residences = residences
        self.councilList = councilList
    }

    /// Whether participants declare their birth date or residence (on their honour) before taking part.
    public var asksDeclaration: Bool { minimumAge != nil || !residences.isEmpty }

    /// The youngest and oldest ages a council may ask.
    public static let ages = 0...120
    /// The most residences a consultation names, and the longest name of one.
    public static let mostResidences = 200
    public static let longestResidence = 100
}

/// A calendar day, as a participant declares their birth date.
public struct CalendarDay: Sendable, Hashable, Codable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, as a date field sends it.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var text: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whole years from this day to `today`: a birthday counts from its own day (born 29 February, from 1 March in a
    /// year without one).
    public func age(on today: CalendarDay) -> Int {
        let years = today.year - year
        return (today.month, today.day) < (month, day) ? years - 1 : years
    }
}

/// What is known of a signed-in person for a consultation's requirements.
public struct ParticipantStanding: Sendable, Hashable {
    public var hasVerifiedEmail: Bool
    /// Declared on their honour, for this council.
    public var birthDate: CalendarDay?
    public var residence: String?
    /// Their verified address is on the council's list.
    public var onCouncilList: Bool

    public init(hasVerifiedEmail: Bool, birthDate: CalendarDay? = nil, residence: String? = nil, onCouncilList: Bool = false) {
        self.hasVerifiedEmail = hasVerifiedEmail
        self.birthDate = birthDate
        self.residence = residence
        self.onCouncilList = onCouncilList
    }
}

/// Whether a person meets a consultation's requirements, and if not, what is missing: the page tells them.
public enum RequirementCheck: Sendable, Hashable {
    case met
    /// Signed out, or the address is not verified yet.
    case needsVerifiedEmail
    /// Their birth date or residence is not declared yet: the page offers the declaration.
    case needsDeclaration
    /// Declared, but too young on this day.
    case tooYoung(minimum: Int)
    /// Declared, but living elsewhere.
    case residenceNotAccepted
    /// Not on the council's list.
    case notOnCouncilList

    public static func check(_ requirements: ParticipationRequirements, _ standing: ParticipantStanding, today: CalendarDay) -> RequirementCheck {
        guard standing.hasVerifiedEmail else { return .needsVerifiedEmail }
        if requirements.councilList, !standing.onCouncilList { return .notOnCouncilList }
        if let minimum = requirements.minimumAge {
            guard let birth = standing.birthDate else { return .needsDeclaration }
            if birth.age(on: today) < minimum { return .tooYoung(minimum: minimum) }
        }
        if !requirements.residences.isEmpty {
            guard let residence = standing.residence else { return .needsDeclaration }
            if !requirements.residences.contains(residence) { return .residenceNotAccepted }
        }
        return .met
    }
}
