import HemicycleDomain

/// A consultation as stored.
public struct ConsultationRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let workId: Int64?
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    public let descriptionFr: String?
    public let descriptionAr: String?
    public let descriptionEn: String?
    public let languages: String
    public let modules: Int
    public let participation: String
    public let moderation: String
    public let published: Bool
    public let opensAt: Double
    public let closesAt: Double
    public let synthesisPublishedAt: Double?
    public let source: String?
    public let statementsVersion: Int64
    public let createdAt: Double
    /// What a consultation open to verified people asks: an age, residences (one a line), the council's list.
    public let minimumAge: Int?
    public let residenceLines: String?
    public let councilList: Bool

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }
    public var residences: [String] { (residenceLines ?? "").split(separator: "\n").map(String.init) }

    /// What participants must meet, as one value two reads compare (the vote's admission and its transaction).
    public var requirementsKey: String { Self.requirementsKey(minimumAge: minimumAge, residences: residenceLines, councilList: councilList) }

    public static func requirementsKey(minimumAge: Int?, residences: String?, councilList: Bool) -> String {
        "\(minimumAge.map(String.init) ?? "-")|\(councilList)|\(residences ?? "")"
    }
    public var description: LocalizedText { LocalizedText(fr: descriptionFr, ar: descriptionAr, en: descriptionEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case workId = "work_id"
        case titleFr = "title_fr"
        case titleAr = "title_ar"
        case titleEn = "title_en"
        case descriptionFr = "description_fr"
        case descriptionAr = "description_ar"
        case descriptionEn = "description_en"
        case languages, modules, participation, moderation, published
        case opensAt = "opens_at"
        case closesAt = "closes_at"
        case synthesisPublishedAt = "synthesis_published_at"
        case source
        case statementsVersion = "statements_version"
        case createdAt = "created_at"
        case minimumAge = "minimum_age"
        case residenceLines = "residences"
        case councilList = "council_list"
    }
}

/// What the secretariat writes of a consultation.
public struct ConsultationDefinition: Sendable, Hashable {
    public var title: LocalizedText
    public var description: LocalizedText
    public var workID: Int64?
    /// Language codes, in the council's order.
    public var languages: [String]
    public var modules: Int
    public var participation: String
    public var moderation: String
    public var opensAt: Double
    public var closesAt: Double
    /// Asked of participants where `participation` is `verified`.
    public var minimumAge: Int?
    public var residences: [String]
    public var councilList: Bool

    public init(title: LocalizedText, description: LocalizedText, workID: Int64?, languages: [String], modules: Int, participation: String,
                moderation: String, opensAt: Double, closesAt: Double, minimumAge: Int? = nil, residences: [String] = [], councilList: Bool = false) {
        self.minimumAge = minimumAge
        self.residences = residences
        self.councilList = councilList
        self.title = title
        self.description = description
        self.workID = workID
        self.languages = languages
        self.modules = modules
        self.participation = participation
        self.moderation = moderation
        self.opensAt = opensAt
        self.closesAt = closesAt
    }
}

/// A statement of a consultation.
public struct ConsultationStatementRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let number: Int
    public let text: String
    /// The participant who wrote it; nil for the council's seed statements.
    public let participantId: Int64?
    /// 1 accepted, 0 not yet moderated, -1 rejected.
    public let moderation: Int
    public let moderationReason: String?
    public let createdAt: Double

    public init(id: Int64, number: Int, text: String, participantId: Int64?, moderation: Int, moderationReason: String?, createdAt: Double) {
        self.id = id
        self.number = number
        self.text = text
        self.participantId = participantId
        self.moderation = moderation
        self.moderationReason = moderationReason
        self.createdAt = createdAt
    }

    /// The same statement without its text or the moderator's reason (what is published of one held back).
    public var withoutText: ConsultationStatementRecord {
        ConsultationStatementRecord(id: id, number: number, text: "", participantId: participantId, moderation: moderation, moderationReason: nil,
                                    createdAt: createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, number, text
        case participantId = "participant_id"
        case moderation
        case moderationReason = "moderation_reason"
        case createdAt = "created_at"
    }
}

/// A participant's vote as the map and the exports read it: by participant number, never by name.
public struct ConsultationVoteRecord: Sendable, Hashable {
    /// The vote log's identifier (increasing in order of casting).
    public let id: Int64
    public let statementNumber: Int
    public let participantID: Int64
    /// 1 agree, 0 pass, -1 disagree.
    public let vote: Int
    public let votedAt: Double

    public init(id: Int64, statementNumber: Int, participantID: Int64, vote: Int, votedAt: Double) {
        self.id = id
        self.statementNumber = statementNumber
        self.participantID = participantID
        self.vote = vote
        self.votedAt = votedAt
    }
}

/// A consultation the map worker may have to compute: how far its stored map goes, and how far its votes and
/// statements have gone.
public struct ConsultationMapState: Sendable, Hashable {
    public let consultationID: Int64
    public let throughVote: Int64
    public let mapStatementsVersion: Int64
    public let lastVote: Int64
    public let statementsVersion: Int64
    public let computedAt: Double?
    /// When the consultation closes: no vote comes after.
    public let closesAt: Double

    public var isBehind: Bool { lastVote > throughVote || statementsVersion != mapStatementsVersion || computedAt == nil }
}

/// A participant of an imported conversation: their number in the export and their votes.
public struct ImportedVote: Sendable, Hashable {
    public let participant: String
    public let statementNumber: Int
    public let vote: Int
    public let votedAt: Double

    public init(participant: String, statementNumber: Int, vote: Int, votedAt: Double) {
        self.participant = participant
        self.statementNumber = statementNumber
        self.vote = vote
        self.votedAt = votedAt
    }
}
