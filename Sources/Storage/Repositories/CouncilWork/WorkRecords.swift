import HemicycleDomain

/// A work item (avis, report, study, resolution, annual report) as stored.
public struct WorkRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let councilId: Int64
    public let kind: String
    public let titleFr: String?
    public let titleAr: String?
    public let titleEn: String?
    public let summaryFr: String?
    public let summaryAr: String?
    public let summaryEn: String?
    public let referralSource: String
    public let referralReference: String?
    public let petitionUrl: String?
    public let procedure: String
    public let status: String
    public let commissionId: Int64?
    public let deadline: Double?
    public let amendmentDeadline: Double?
    public let createdAt: Double
    /// Simplified procedure: members may demand a plenary debate until this date.
    public let plenaryDemandDeadline: Double?
    public let plenaryDemandedAt: Double?

    public var title: LocalizedText { LocalizedText(fr: titleFr, ar: titleAr, en: titleEn) }
    public var summary: LocalizedText { LocalizedText(fr: summaryFr, ar: summaryAr, en: summaryEn) }

    enum CodingKeys: String, CodingKey {
        case id
        case councilId = "council_id"
        case kind
        case titleFr = "title_fr"
        case titleAr = "title_ar"
        case titleEn = "title_en"
        case summaryFr = "summary_fr"
        case summaryAr = "summary_ar"
        case summaryEn = "summary_en"
        case referralSource = "referral_source"
        case referralReference = "referral_reference"
        case petitionUrl = "petition_url"
        case procedure
        case status
        case commissionId = "commission_id"
        case deadline
        case amendmentDeadline = "amendment_deadline"
        case createdAt = "created_at"
        case plenaryDemandDeadline = "plenary_demand_deadline"
        case plenaryDemandedAt = "plenary_demanded_at"
    }
}

public struct NewWork: Sendable {
    public var kind: String
    public var title: LocalizedText
    public var summary: LocalizedText
    public var referralSource: String
    public var referralReference: String?
    public var petitionURL: String?
    public var procedure: String

    public init(kind: String, title: LocalizedText, summary: LocalizedText, referralSource: String,
                referralReference: String? = nil, petitionURL: String? = nil, procedure: String) {
        self.kind = kind
        self.title = title
        self.summary = summary
        self.referralSource = referralSource
        self.referralReference = referralReference
        self.petitionURL = petitionURL
        self.procedure = procedure
    }
}

public struct WorkEvent: Sendable, Hashable, Decodable {
    public let id: Int64
    public let status: String
    public let note: String?
    public let accountId: Int64?
    public let at: Double

    enum CodingKeys: String, CodingKey {
        case id
        case status
        case note
        case accountId = "account_id"
        case at
    }
}

public struct Hearing: Sendable, Hashable, Decodable {
    public let id: Int64
    public let person: String
    public let capacity: String?
    public let heldAt: Double
    public let notes: String?

    enum CodingKeys: String, CodingKey {
        case id
        case person
        case capacity
        case heldAt = "held_at"
        case notes
    }
}

public struct Contribution: Sendable, Hashable, Decodable {
    public let id: Int64
    public let author: String
    public let authorKind: String
    public let title: String
    public let body: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case author
        case authorKind = "author_kind"
        case title
        case body
        case createdAt = "created_at"
    }
}

public struct DraftVersionRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let number: Int
    /// The `DraftText` as JSON.
    public let body: String
    public let note: String?
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case number
        case body
        case note
        case createdAt = "created_at"
    }
}

public struct AmendmentRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let versionId: Int64
    public let number: Int
    public let operation: String
    public let anchor: String
    public let spanStart: Int?
    public let spanEnd: Int?
    public let newText: String
    public let insertedKind: String
    public let justification: String
    public let authorMembershipId: Int64?
    public let groupId: Int64?
    public let status: String
    public let opinion: String?
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case versionId = "version_id"
        case number
        case operation
        case anchor
        case spanStart = "span_start"
        case spanEnd = "span_end"
        case newText = "new_text"
        case insertedKind = "inserted_kind"
        case justification
        case authorMembershipId = "author_membership_id"
        case groupId = "group_id"
        case status
        case opinion
        case createdAt = "created_at"
    }
}

public struct NewAmendment: Sendable {
    public var versionID: Int64
    public var operation: String
    public var anchor: String
    public var span: (start: Int, end: Int)?
    public var newText: String
    public var insertedKind: String
    public var justification: String
    public var authorMembershipID: Int64?
    public var groupID: Int64?
    public var cosignatories: [Int64]

    public init(versionID: Int64, operation: String, anchor: String, span: (start: Int, end: Int)?, newText: String,
                insertedKind: String, justification: String, authorMembershipID: Int64?, groupID: Int64?, cosignatories: [Int64] = []) {
        self.versionID = versionID
        self.operation = operation
        self.anchor = anchor
        self.span = span
        self.newText = newText
        self.insertedKind = insertedKind
        self.justification = justification
        self.authorMembershipID = authorMembershipID
        self.groupID = groupID
        self.cosignatories = cosignatories
    }
}

public struct BallotRecord: Sendable, Hashable, Decodable {
    public let id: Int64
    public let workId: Int64
    public let amendmentId: Int64?
    public let body: String
    public let majority: String
    public let quorum: Double?
    public let openedAt: Double
    public let closedAt: Double?
    public let adopted: Bool?
    /// The sitting the ballot was held at, if it was opened during one.
    public let sittingId: Int64?

    enum CodingKeys: String, CodingKey {
        case id
        case sittingId = "sitting_id"
        case workId = "work_id"
        case amendmentId = "amendment_id"
        case body
        case majority
        case quorum
        case openedAt = "opened_at"
        case closedAt = "closed_at"
        case adopted
    }
}

/// A member who may vote on a ballot, the group they sat in, and their vote if they cast one (with the member who
/// cast it for them, by proxy).
public struct BallotVoter: Sendable, Hashable {
    public let membershipID: Int64
    public let groupID: Int64?
    public let name: String
    public let choice: String?
    public let castBy: Int64?

    public init(membershipID: Int64, groupID: Int64?, name: String, choice: String?, castBy: Int64? = nil) {
        self.membershipID = membershipID
        self.groupID = groupID
        self.name = name
        self.choice = choice
        self.castBy = castBy
    }
}

/// How one group (nil: members without a group) stands on a ballot: its eligible members and the votes they cast.
public struct BallotGroupCount: Sendable, Hashable {
    public let groupID: Int64?
    public private(set) var eligible = 0
    public private(set) var pour = 0
    public private(set) var contre = 0
    public private(set) var abstention = 0

    public init(groupID: Int64?) { self.groupID = groupID }

    /// Counts `members` eligible members whose vote is `choice` (`for`, `against`, `abstain`; anything else, or none,
    /// for members who took no part).
    public mutating func add(_ choice: String?, members: Int) {
        eligible += members
        switch choice {
        case "for": pour += members
        case "against": contre += members
        case "abstain": abstention += members
        default: break
        }
    }

    /// Eligible members who cast no vote.
    public var notTakingPart: Int { eligible - pour - contre - abstention }
}

public struct GroupDeclaration: Sendable, Hashable, Decodable {
    public let id: Int64
    public let groupId: Int64
    public let body: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case groupId = "group_id"
        case body
        case createdAt = "created_at"
    }
}

public struct Dissent: Sendable, Hashable, Decodable {
    public let id: Int64
    public let blockId: String
    public let holder: String
    public let groupId: Int64?
    public let body: String
    public let createdAt: Double

    enum CodingKeys: String, CodingKey {
        case id
        case blockId = "block_id"
        case holder
        case groupId = "group_id"
        case body
        case createdAt = "created_at"
    }
}
