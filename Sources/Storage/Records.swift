import Foundation
import HemicycleDomain

/// A council hosted on this instance.
public struct Council: Sendable, Hashable, Decodable {
    public let id: Int64
    public let slug: String
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let descriptionFr: String?
    public let descriptionAr: String?
    public let descriptionEn: String?
    /// ISO 3166-1 alpha-2 code.
    public let country: String
    public let defaultLanguage: String
    /// Comma-separated language codes the council publishes in.
    public let languages: String
    /// Comma-separated networks the council belongs to (for example `UCESIF`).
    public let networks: String
    public let website: String?
    /// IANA time zone in which the council's dates are shown and read (`Europe/Paris`, `Africa/Casablanca`).
    public let timeZone: String
    /// The term of office's first and last days (`yyyy-MM-dd`), both or neither.
    public let termFirstDay: String?
    public let termLastDay: String?
    /// The sitting rules' stored values (`UpdateCouncilsAddSittingRules`): the most proxies one member holds, the
    /// quorum's share (`majority`, `third`, `two_thirds`), and whether represented members count towards it.
    public let proxiesHeld: Int
    public let quorum: String
    public let quorumCountsProxies: Bool

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }
    public var description: LocalizedText { LocalizedText(fr: descriptionFr, ar: descriptionAr, en: descriptionEn) }
    public var language: Language { Language(rawValue: defaultLanguage) ?? .fr }
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")! }
    public var publishedLanguages: [Language] { languages.split(separator: ",").compactMap { Language(rawValue: String($0)) } }
    public var networkList: [String] { networks.split(separator: ",").map(String.init) }
    /// The council's term of office, when it is recorded.
    public var term: CouncilTerm? {
        guard let first = termFirstDay.flatMap(CivilDay.init), let last = termLastDay.flatMap(CivilDay.init) else { return nil }
        return CouncilTerm(firstDay: first, lastDay: last)
    }

    enum CodingKeys: String, CodingKey {
        case id
        case slug
        case nameFr = "name_fr"
        case nameAr = "name_ar"
        case nameEn = "name_en"
        case descriptionFr = "description_fr"
        case descriptionAr = "description_ar"
        case descriptionEn = "description_en"
        case country
        case defaultLanguage = "default_language"
        case languages
        case networks
        case website
        case timeZone = "time_zone"
        case termFirstDay = "term_first_day"
        case termLastDay = "term_last_day"
        case proxiesHeld = "proxies_held"
        case quorum
        case quorumCountsProxies = "quorum_counts_proxies"
    }
}

/// What is needed to create a council.
public struct NewCouncil: Sendable {
    public var slug: String
    public var name: LocalizedText
    public var description: LocalizedText
    public var country: String
    public var defaultLanguage: Language
    public var languages: [Language]
    public var networks: [String]
    public var website: String?
    public var timeZone: String
    public var term: CouncilTerm?

    public init(slug: String, name: LocalizedText, description: LocalizedText = LocalizedText(), country: String,
                defaultLanguage: Language, languages: [Language], networks: [String] = [], website: String? = nil,
                timeZone: String = "UTC", term: CouncilTerm? = nil) {
        self.timeZone = timeZone
        self.term = term
        self.slug = slug
        self.name = name
        self.description = description
        self.country = country
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.networks = networks
        self.website = website
    }
}

/// A person's account on the instance.
public struct Account: Sendable, Hashable, Decodable {
    public let id: Int64
    public let email: String
    public let passwordHash: String?
    public let displayName: String
    public let preferredLanguage: String?
    public let emailVerifiedAt: Double?
    public let isInstanceAdmin: Bool
    public let createdAt: Double
    public let deletedAt: Double?

    public var language: Language? { preferredLanguage.flatMap(Language.init(rawValue:)) }
    public var isDeleted: Bool { deletedAt != nil }
    public var isVerified: Bool { emailVerifiedAt != nil }

    enum CodingKeys: String, CodingKey {
        case id
        case email
        case passwordHash = "password_hash"
        case displayName = "display_name"
        case preferredLanguage = "preferred_language"
        case emailVerifiedAt = "email_verified_at"
        case isInstanceAdmin = "is_instance_admin"
        case createdAt = "created_at"
        case deletedAt = "deleted_at"
    }
}

/// A political or professional group of a council (for example "Groupe UNSA").
public struct CouncilGroup: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let acronym: String?
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let descriptionFr: String?
    public let descriptionAr: String?
    public let descriptionEn: String?

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }
    public var description: LocalizedText { LocalizedText(fr: descriptionFr, ar: descriptionAr, en: descriptionEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case acronym
        case nameFr = "name_fr"
        case nameAr = "name_ar"
        case nameEn = "name_en"
        case descriptionFr = "description_fr"
        case descriptionAr = "description_ar"
        case descriptionEn = "description_en"
    }
}

/// A standing or temporary commission of a council.
public struct Commission: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let nameFr: String?
    public let nameAr: String?
    public let nameEn: String?
    public let descriptionFr: String?
    public let descriptionAr: String?
    public let descriptionEn: String?

    public var name: LocalizedText { LocalizedText(fr: nameFr, ar: nameAr, en: nameEn) }
    public var description: LocalizedText { LocalizedText(fr: descriptionFr, ar: descriptionAr, en: descriptionEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case nameFr = "name_fr"
        case nameAr = "name_ar"
        case nameEn = "name_en"
        case descriptionFr = "description_fr"
        case descriptionAr = "description_ar"
        case descriptionEn = "description_en"
    }
}

/// A person's seat in a council, joined with the person's public name.
public struct Membership: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let accountId: Int64
    public let role: String
    public let groupId: Int64?
    /// When the seat ended (removal, erasure); nil while the person sits.
    public let endedAt: Double?
    public let displayName: String
    public let email: String
    /// The seat's duties, comma-separated (`Duty`).
    public let duties: String

    public var roleValue: Role { Role(rawValue: role) ?? .citizen }
    public var dutySet: Set<Duty> { Duty.parse(duties) }
    public var isCurrent: Bool { endedAt == nil }
    /// The seat is current and sits in the assembly: its holder has a public page.
    public var sits: Bool { isCurrent && roleValue.sitsInAssembly }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case accountId = "account_id"
        case role
        case groupId = "group_id"
        case endedAt = "ended_at"
        case displayName = "display_name"
        case email, duties
    }
}

/// A message waiting in (or sent from) the outbox.
public struct OutboxMessage: Sendable, Hashable, Decodable {
    public let id: Int64
    public let recipient: String
    public let subject: String
    public let body: String
    public let kind: String
    public let createdAt: Double
    public let sentAt: Double?
    public let attempts: Int
    public let lastError: String?
    /// The address that ends the subscription the message comes from, in one click (RFC 8058).
    public let listUnsubscribe: String?
    /// An invitation for calendar programs (iCalendar, with its `METHOD`), sent beside the text.
    public let calendar: String?

    enum CodingKeys: String, CodingKey {
        case calendar
        case id
        case recipient
        case subject
        case body
        case kind
        case createdAt = "created_at"
        case sentAt = "sent_at"
        case attempts
        case lastError = "last_error"
        case listUnsubscribe = "list_unsubscribe"
    }
}

/// Errors the store reports in terms a person can act on.
public enum StoreError: Error, Equatable, Sendable {
    case duplicateEmail
    case notFound
    case groupNotInCouncil
    case groupHasMembers
    case alreadyMember
    /// A member votes once per ballot.
    case alreadyVoted
    /// The person is not among the members called to vote on this ballot.
    case notEligible
    case ballotClosed
    /// The item changed state since the request read it.
    case stateChanged
    /// The store was closed (the server is stopping).
    case closed
    /// Another of the same name exists where names are unique.
    case duplicateName
    /// The collection holds as many items as it may (a questionnaire's questions).
    case full
}
